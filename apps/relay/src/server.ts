#!/usr/bin/env node
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError, loadConfig } from './config/load-config.js'
import { createConsoleLogger } from './log/logger.js'
import { startRelay } from './start-relay.js'

const envFile = resolve(process.cwd(), '.env')
// Variables already set in the environment win over the file (process.loadEnvFile keeps them).
if (existsSync(envFile)) process.loadEnvFile(envFile)

try {
  const env = loadConfig()
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
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // Last: whoever waits for this line may signal the process the moment it appears.
  console.log(relay.summary)
} catch (error) {
  console.error(error instanceof ConfigError ? `relay: ${error.message}` : error)
  process.exit(1)
}
