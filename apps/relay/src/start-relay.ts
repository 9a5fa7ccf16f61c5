import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EnvConfig } from './config/load-config.js'
import type { RelayConfig } from './config/relay-config.js'
import { createRelay } from './create-relay.js'
import type { RelayLogger } from './log/logger.js'
import { MOCK_MODELS, startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'

/** A relay listening on a port, as started by {@link startRelay}. */
export interface RunningRelay {
  server: Server
  /** e.g. `http://127.0.0.1:8787` */
  url: string
  /** One line describing the setup, safe to log (never contains the key). */
  summary: string
  /** Stops accepting connections, ends open streams after `graceMs`, stops the mock model. */
  close(graceMs?: number): Promise<void>
}

function describeUpstream(env: EnvConfig, mock: MockOpenAI | undefined): string {
  if (mock !== undefined) return 'mock model (no OPENAI_API_KEY)'
  return `${env.upstream.baseURL ?? 'https://api.openai.com/v1'} (key set)`
}

/**
 * Starts the relay described by `env` (see `loadConfig`): with no `OPENAI_API_KEY` it first starts the
 * embedded mock model and points the relay at it, so the real upstream code path runs offline.
 */
export async function startRelay(
  env: EnvConfig,
  options: { logger?: RelayLogger } = {},
): Promise<RunningRelay> {
  const mock =
    env.upstream.apiKey === undefined
      ? await startMockOpenAI({
          host: '127.0.0.1',
          ...(env.mockTokensPerSecond !== undefined && {
            tokensPerSecond: env.mockTokensPerSecond,
          }),
        })
      : undefined
  const config: RelayConfig = {
    ...env.relay,
    ...(options.logger !== undefined && { logger: options.logger }),
    upstream:
      mock !== undefined
        ? { apiKey: mock.apiKey, baseURL: mock.url }
        : { ...env.upstream, apiKey: env.upstream.apiKey ?? '' },
    upstreamKind: mock !== undefined ? 'mock' : 'openai',
  }
  if (config.defaultModel === undefined && mock !== undefined) config.defaultModel = MOCK_MODELS[0]

  const server = createServer(createRelay(config))
  try {
    server.listen(env.port, env.host)
    await once(server, 'listening')
  } catch (error) {
    await mock?.close()
    throw error
  }
  const { port } = server.address() as AddressInfo
  const host = env.host.includes(':') ? `[${env.host}]` : env.host
  const url = `http://${host}:${port}`
  const { enabled, maxContinuations } = env.relay.continuation ?? {}
  const summary = [
    `relay listening on ${url}`,
    `upstream: ${describeUpstream(env, mock)}`,
    enabled === false ? 'continuation off' : `continuation on (max ${maxContinuations ?? 3})`,
    ...(env.relay.token !== undefined ? ['bearer token required'] : []),
    ...(env.relay.staticDir !== undefined ? [`serving ${env.relay.staticDir}`] : []),
  ].join(' · ')

  return {
    server,
    url,
    summary,
    async close(graceMs = 5_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      // Streams can last minutes; after the grace period they are cut (which cancels their upstream).
      const force = setTimeout(() => server.closeAllConnections(), graceMs)
      await closed
      clearTimeout(force)
      await mock?.close()
    },
  }
}
