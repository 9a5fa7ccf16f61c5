// A redis-server for the relay benchmark: on a free 127.0.0.1 port, on the CPU it is given (that
// of the client and the upstream, so the relay's core stays its own), persisting nothing, with its
// working directory in a fresh temp dir that goes with it.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onCpu } from './processes.mjs'

const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server'

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

const accepts = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

/** Starts redis-server (`REDIS_SERVER_BIN`, or the one on the PATH); resolves once it accepts. */
export async function startRedisServer({ cpu }) {
  const dir = await mkdtemp(join(tmpdir(), 'typewriter-bench-redis-'))
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  const [command, ...rest] = onCpu(cpu, [BINARY, ...args, '--dir', dir])
  const child = spawn(command, rest, { stdio: ['ignore', 'ignore', 'inherit'] })
  // Rejects when the binary cannot be spawned at all; that is a failure to start like any other.
  const exited = once(child, 'exit').catch(() => {})
  const running = () =>
    child.pid !== undefined && child.exitCode === null && child.signalCode === null
  const close = async () => {
    if (running()) child.kill('SIGTERM')
    await exited
    await rm(dir, { recursive: true, force: true })
  }
  const deadline = performance.now() + 10_000
  while (!(await accepts(port))) {
    if (!running() || performance.now() > deadline) {
      await close()
      throw new Error(`${BINARY} did not start on port ${port}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid, close }
}
