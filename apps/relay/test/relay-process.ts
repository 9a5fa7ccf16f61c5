import { spawn } from 'node:child_process'
import { once } from 'node:events'
import type { ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

/** The built relay's entry point, as an operator starts it (tests using it skip before the build). */
export const serverJs = fileURLToPath(new URL('../dist/server.js', import.meta.url))

/** A relay running as its own process. */
export interface RelayProcess {
  child: ChildProcessByStdio<null, Readable, Readable>
  url: string
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  /** Resolves when its output shows `pattern`. */
  printed(pattern: RegExp): Promise<void>
  /** Kills it (SIGKILL) if it still runs, and waits until it exited. */
  kill(): Promise<void>
}

/**
 * `node dist/server.js` with `env` (and `PORT=0`), as an operator starts it; resolves once it
 * printed where it listens.
 */
export async function startRelayProcess(env: Record<string, string>): Promise<RelayProcess> {
  const child = spawn(process.execPath, [serverJs], {
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const watchers = new Set<() => void>()
  const collect = (text: string): void => {
    output += text
    for (const watch of watchers) watch()
  }
  child.stdout.setEncoding('utf8').on('data', collect)
  child.stderr.setEncoding('utf8').on('data', collect)
  const printed = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const watch = (): void => {
        if (!pattern.test(output)) return
        watchers.delete(watch)
        resolve()
      }
      watchers.add(watch)
      watch()
      child.once('exit', () => reject(new Error(`the relay exited before ${pattern}: ${output}`)))
    })
  await printed(/relay listening on http:\/\/\S+/)
  const url = /relay listening on (http:\/\/\S+)/.exec(output)?.[1] ?? ''
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGKILL')
    await once(child, 'exit')
  }
  return { child, url, output: () => output, printed, kill }
}
