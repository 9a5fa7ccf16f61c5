/**
 * What the tests that start real servers of this machine (nginx, redis-server) share: finding the
 * binary, a free port, waiting for it to listen, and never leaving a child running.
 */
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { accessSync, constants } from 'node:fs'
import { rm } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

/** `binary` from the environment variable `override`, Debian's `sbin`/`bin` or the PATH, if any. */
export function findBinary(binary: string, override: string): string | undefined {
  const candidates = [
    process.env[override],
    `/usr/sbin/${binary}`,
    `/usr/local/sbin/${binary}`,
    `/usr/bin/${binary}`,
  ]
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(join(dir, binary))
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

/** A 127.0.0.1 port nothing listens on right now. */
export async function freePort(): Promise<number> {
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

/**
 * Waits until the server `child` accepts connections on `port` and returns how to stop it
 * (SIGTERM, then its temp dir `dir` removed). A server that exits first or takes more than ten
 * seconds is stopped, and the error says what `failure()` tells of it.
 */
export async function awaitServer(
  child: ChildProcess,
  port: number,
  dir: string,
  failure: () => Promise<string>,
): Promise<() => Promise<void>> {
  killOnExit(child)
  const exited = once(child, 'exit')
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    await rm(dir, { recursive: true, force: true })
  }
  const deadline = performance.now() + 10_000
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      const message = await failure()
      await close()
      throw new Error(message)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return close
}

// Children still running when the test process exits (a crashed worker, an interrupted run) are
// killed here, so a failing suite never leaves a server holding a port.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** Kills `child` when the test process exits, if it is still running then. */
function killOnExit(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
}
