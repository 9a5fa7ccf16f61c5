import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI, MockPlan } from '@typewriter-chat/mock-openai'
import { createRelay, relayLifecycle } from '../src/create-relay.js'
import type { RelayConfig } from '../src/config/relay-config.js'
import { HELLO, memoryLogger, UPSTREAM_KEY } from './helpers.js'

/** One relay instance of a {@link RelayFleet}. */
export interface FleetRelay {
  url: string
  server: Server
  logger: ReturnType<typeof memoryLogger>
  /** Shuts it down as its host would (the shutdown signal), and waits until it let Redis go. */
  close(): Promise<void>
}

/** Relay instances sharing one Redis and one mock upstream, as a multi-instance deployment does. */
export interface RelayFleet {
  relays: FleetRelay[]
  upstream: MockOpenAI
  close(): Promise<void>
}

/** Options of {@link startRelayFleet}. */
export interface FleetOptions {
  /** Relay instances to start. Default 2. */
  count?: number
  config?: Partial<RelayConfig>
  /** The mock upstream's script; its chunks default to {@link HELLO}. */
  plan?: MockPlan
  /** Default: a fresh one, so fleets of different tests never see each other's streams. */
  keyPrefix?: string
}

/** Starts relays on `redisUrl` in front of one mock upstream. */
export async function startRelayFleet(
  redisUrl: string,
  options: FleetOptions = {},
): Promise<RelayFleet> {
  const { count = 2, config = {}, plan = {} } = options
  const upstream = await startMockOpenAI({ script: { chunks: HELLO, ...plan } })
  const keyPrefix = options.keyPrefix ?? `test-${randomUUID()}:`
  const relays: FleetRelay[] = []
  for (let i = 0; i < count; i += 1) {
    relays.push(await startFleetRelay(redisUrl, keyPrefix, upstream, config))
  }
  return {
    relays,
    upstream,
    async close() {
      await Promise.all(relays.map((relay) => relay.close()))
      await upstream.close()
    },
  }
}

async function startFleetRelay(
  redisUrl: string,
  keyPrefix: string,
  upstream: MockOpenAI,
  config: Partial<RelayConfig>,
): Promise<FleetRelay> {
  const logger = memoryLogger()
  const shutdown = new AbortController()
  const app = createRelay({
    rateLimitPerMinute: 0,
    heartbeatMs: 200,
    ...config,
    redis: { url: redisUrl, keyPrefix },
    upstream: { apiKey: UPSTREAM_KEY, baseURL: upstream.url },
    signal: shutdown.signal,
    logger,
  })
  await relayLifecycle(app).ready
  const server = createServer(app)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    logger,
    close() {
      closing ??= (async () => {
        shutdown.abort()
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await relayLifecycle(app).closed
      })()
      return closing
    },
  }
}
