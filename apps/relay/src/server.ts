#!/usr/bin/env node
import cluster from 'node:cluster'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError, loadConfig } from './config/load-config.js'
import type { EnvConfig } from './config/load-config.js'
import { createConsoleLogger } from './log/logger.js'
import { runWorkers } from './run-workers.js'
import type { ListeningMessage } from './run-workers.js'
import { StartupError, startRelay } from './start-relay.js'

const envFile = resolve(process.cwd(), '.env')
// Variables already set in the environment win over the file (process.loadEnvFile keeps them).
if (existsSync(envFile)) process.loadEnvFile(envFile)

try {
  const env = loadConfig()
  if (env.workers > 1 && cluster.isPrimary) {
    runWorkers(env.workers)
  } else {
    await serve(env)
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof StartupError
  console.error(known ? `relay: ${error.message}` : error)
  process.exit(1)
}

/** Runs one relay in this process until SIGTERM/SIGINT. */
async function serve(env: EnvConfig): Promise<void> {
  const relay = await startRelay(env, { logger: createConsoleLogger() })
  let stopping = false
  const stop = (signal: string): void => {
    // A second signal: the operator does not want to wait.
    if (stopping) process.exit(1)
    stopping = true
    console.log(`${signal}: closing (open streams may finish for ${env.shutdownGraceMs} ms)`)
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('relay: error while closing', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  // A worker's signals come from its primary: a terminal's Ctrl+C reaches the whole process group,
  // and the primary passes it on as SIGTERM, which must not count as an impatient second signal.
  process.on('SIGINT', () => (cluster.isWorker ? undefined : stop('SIGINT')))
  // Last: whoever waits for this line may signal the process the moment it appears.
  console.log(relay.summary)
  if (cluster.isWorker) {
    const listening: ListeningMessage = { type: 'relay-listening', url: relay.url }
    process.send?.(listening)
  }
}
