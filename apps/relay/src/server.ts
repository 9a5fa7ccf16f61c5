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
  const relay = await startRelay(loadConfig(), { logger: createConsoleLogger() })
  console.log(relay.summary)
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`${signal}: closing (open streams get 5 s)`)
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
} catch (error) {
  console.error(error instanceof ConfigError ? `relay: ${error.message}` : error)
  process.exit(1)
}
