import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI, MockOpenAIOptions } from '@typewriter-chat/mock-openai'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { RelayConfig } from '../src/config/relay-config.js'
import { createRelay } from '../src/create-relay.js'
import { silentLogger } from '../src/log/logger.js'

/** One mock OpenAI server for a test file, and a relay per test in front of it. */
export interface RelayOnMock {
  readonly upstream: MockOpenAI
  /** Starts a relay on a real 127.0.0.1 socket; it closes after the test. Resolves with its URL. */
  start(config?: Partial<RelayConfig>): Promise<string>
}

/**
 * Registers the hooks of a {@link RelayOnMock}: call at the top of a test file. `mock` sets the
 * mock's options (its pace: `tokensPerSecond: Infinity` for tests that read whole answers).
 */
export function useRelayOnMock(mock: MockOpenAIOptions = {}): RelayOnMock {
  let upstream: MockOpenAI | undefined
  let server: Server | undefined
  beforeAll(async () => {
    upstream = await startMockOpenAI(mock)
  })
  afterAll(() => upstream?.close())
  afterEach(async () => {
    upstream?.script(undefined)
    const running = server
    server = undefined
    running?.closeAllConnections()
    await new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve()))
  })
  const started = (): MockOpenAI => {
    if (upstream === undefined) throw new Error('The mock upstream starts in beforeAll')
    return upstream
  }
  return {
    get upstream() {
      return started()
    },
    async start(config = {}) {
      const app = createRelay({
        rateLimitPerMinute: 0,
        ...config,
        upstream: { apiKey: started().apiKey, baseURL: started().url },
        logger: silentLogger,
      })
      server = createServer(app)
      server.listen(0, '127.0.0.1')
      await once(server, 'listening')
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    },
  }
}
