/** Where the relay writes its log lines. Inject a silent one in tests, a JSON one in production. */
export interface RelayLogger {
  info(line: string): void
  error(line: string, error?: unknown): void
}

/** Plain lines on stdout/stderr, one per event: cheap, greppable, and what container runtimes collect. */
export function createConsoleLogger(): RelayLogger {
  return {
    info: (line) => void process.stdout.write(`${line}\n`),
    error: (line, error) => {
      const detail = error instanceof Error ? ` — ${error.stack ?? error.message}` : ''
      process.stderr.write(`${line}${detail}\n`)
    },
  }
}

/** A logger that drops everything. */
export const silentLogger: RelayLogger = { info: () => {}, error: () => {} }
