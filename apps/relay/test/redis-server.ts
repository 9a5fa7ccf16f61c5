/**
 * A real redis-server for tests: in the foreground, on a free 127.0.0.1 port, persisting nothing,
 * with its working directory in a fresh temp dir.
 */
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { awaitServer, findBinary, freePort } from './local-servers.js'

/** The redis-server binary (`REDIS_SERVER_BIN`, Debian's, or on the PATH), if any. */
export function findRedisServer(): string | undefined {
  return findBinary('redis-server', 'REDIS_SERVER_BIN')
}

/** A running redis-server. */
export interface TestRedis {
  /** e.g. `redis://127.0.0.1:PORT` */
  url: string
  /** Stops it and removes its temp dir. Safe to call twice. */
  close(): Promise<void>
}

/** Starts `binary` (see {@link findRedisServer}). */
export async function startRedisServer(binary: string): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'typewriter-redis-'))
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  const child = spawn(binary, [...args, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (data: Buffer): void => void (output += data.toString())
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const close = await awaitServer(
    child,
    port,
    dir,
    async () => `redis-server did not start:\n${output}`,
  )
  return { url: `redis://127.0.0.1:${port}`, close }
}
