/**
 * A real nginx for tests: one foreground process (`daemon off; master_process off`) with a
 * generated config whose every path (pid, logs, temp files) lives in a fresh temp directory,
 * listening on a free 127.0.0.1 port. Nothing outside the temp dir is read or written, so it runs
 * unprivileged and next to a system nginx.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The nginx binary (`NGINX_BIN`, the Debian location, or `nginx` on the PATH), if any. */
export function findNginx(): string | undefined {
  const candidates = [process.env.NGINX_BIN, '/usr/sbin/nginx', '/usr/local/sbin/nginx']
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir) candidates.push(join(dir, 'nginx'))
  return candidates.find((file) => {
    if (file === undefined || file === '') return false
    try {
      accessSync(file, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** A running nginx. */
export interface TestNginx {
  /** e.g. `http://127.0.0.1:PORT` */
  url: string
  /** The generated `nginx.conf`, for failure messages. */
  config: string
  /** Stops nginx and removes its temp dir. Safe to call twice. */
  close(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

// Children still running when the test process exits (a crashed worker, an interrupted run) are
// killed here, so a failing suite never leaves an nginx holding a port.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/**
 * Starts nginx with `serverBody` as the body of its only `server` block (the `listen` line is
 * added).
 * `httpExtra` goes into the `http` block (e.g. gzip settings).
 */
export async function startNginx(
  binary: string,
  serverBody: string,
  httpExtra = '',
): Promise<TestNginx> {
  const dir = await mkdtemp(join(tmpdir(), 'typewriter-nginx-'))
  const port = await freePort()
  const temp = (name: string): string => `${name}_temp_path ${join(dir, name)};`
  const config = [
    'daemon off;',
    'master_process off;',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    `  access_log off;`,
    `  ${temp('client_body')}`,
    `  ${temp('proxy')}`,
    `  ${temp('fastcgi')}`,
    `  ${temp('uwsgi')}`,
    `  ${temp('scgi')}`,
    httpExtra,
    '  server {',
    `    listen 127.0.0.1:${port};`,
    serverBody,
    '  }',
    '}',
    '',
  ].join('\n')
  const configFile = join(dir, 'nginx.conf')
  await writeFile(configFile, config)

  // `-e` keeps nginx from touching the compiled-in error log before it has read the config.
  const child = spawn(binary, ['-p', dir, '-c', configFile, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  running.add(child)
  let stderr = ''
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()))
  const exited = once(child, 'exit').then(() => running.delete(child))

  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    await rm(dir, { recursive: true, force: true })
  }

  const deadline = performance.now() + 10_000
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')
      await close()
      throw new Error(`nginx did not start:\n${stderr}${log}\nconfig:\n${config}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return { url: `http://127.0.0.1:${port}`, config, close }
}
