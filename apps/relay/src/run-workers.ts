import cluster from 'node:cluster'
import type { Worker } from 'node:cluster'

/** What a worker sends its primary once its relay listens. */
export interface ListeningMessage {
  type: 'relay-listening'
  url: string
}

function isListening(message: unknown): message is ListeningMessage {
  return (message as Partial<ListeningMessage> | null)?.type === 'relay-listening'
}

/**
 * The primary process of `RELAY_WORKERS` > 1: forks that many relay processes sharing the port
 * (`node:cluster` hands connections out in turn) and looks after them. A worker that dies while
 * serving is replaced; one that dies before it ever listened means the setup is wrong (a bad
 * `REDIS_URL`, a port in use), so the whole relay stops with exit code 1 rather than fork in a
 * loop. SIGTERM/SIGINT are passed on: each worker closes gracefully, and the primary exits once
 * all have. A second signal ends everything at once.
 */
export function runWorkers(count: number): void {
  const listening = new Set<Worker>()
  let stopping = false
  let exitCode = 0

  const fork = (): void => {
    const worker = cluster.fork()
    // Told by the worker itself: its 'listening' event would also fire for any other server it
    // starts (the embedded mock model), and before the relay is ready.
    worker.on('message', (message: unknown) => {
      if (!isListening(message) || listening.has(worker)) return
      listening.add(worker)
      if (listening.size === count)
        console.log(`relay: ${count} workers listening on ${message.url}`)
    })
    worker.once('exit', (code, signal) => {
      const served = listening.delete(worker)
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode)
        return
      }
      if (!served) {
        console.error(`relay: a worker exited (${signal ?? code}) before it listened; stopping`)
        stop(1)
        return
      }
      console.error(
        `relay: worker ${worker.process.pid} exited (${signal ?? code}); starting another`,
      )
      fork()
    })
  }

  const stop = (code: number): void => {
    stopping = true
    exitCode = code
    const workers = Object.values(cluster.workers ?? {})
    if (workers.length === 0) process.exit(code)
    for (const worker of workers) worker?.process.kill('SIGTERM')
  }

  const onSignal = (signal: string): void => {
    if (stopping) {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(1)
    }
    console.log(`${signal}: closing ${count} workers`)
    stop(0)
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  for (let i = 0; i < count; i += 1) fork()
}
