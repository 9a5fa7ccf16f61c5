import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setImmediate as nextMacrotask } from 'node:timers/promises'
import type { EnvConfig } from './config/load-config.js'
import type { RelayConfig } from './config/relay-config.js'
import { createRelay, relayLifecycle } from './create-relay.js'
import type { RelayLogger } from './log/logger.js'
import { requestLog } from './log/request-log.js'
import { MOCK_MODELS, startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'

/** A relay listening on a port, as started by {@link startRelay}. */
export interface RunningRelay {
  server: Server
  /** e.g. `http://127.0.0.1:8787` */
  url: string
  /** One line describing the setup, safe to log (never contains the key). */
  summary: string
  /**
   * Shuts down gracefully: stops accepting connections, lets open requests finish for `graceMs`
   * (default: the `shutdownGraceMs` it was started with), then ends the streams still open with a
   * `server_shutting_down` error event. Resolves once every connection closed and every request's
   * log line was written, with the mock model stopped.
   */
  close(graceMs?: number): Promise<void>
}

/**
 * How long streams ended by a shutdown have to get their error event out before their connections
 * are cut: a client that stopped reading would otherwise hold the shutdown up.
 */
const LAST_WORDS_MS = 1_000

/**
 * The open responses of `server`, so a shutdown can wait for them and for their log lines. While
 * closing, a finished response's keep-alive connection is closed at once, and a request that
 * still arrives on one is told the connection closes after it.
 */
class OpenResponses {
  readonly #server: Server
  readonly #open = new Set<ServerResponse>()
  /** Work that a closed response's log line still waits for. */
  readonly #unlogged = new Set<Promise<unknown>>()
  #closing = false
  #emptied: (() => void) | undefined

  constructor(server: Server) {
    this.#server = server
    server.on('request', (_req, res: ServerResponse) => {
      if (this.#closing) res.setHeader('Connection', 'close')
      this.#open.add(res)
      res.once('close', () => this.#closed(res))
    })
  }

  /** From now on, connections close as soon as their response is done. */
  closing(): void {
    this.#closing = true
    this.#server.closeIdleConnections()
  }

  /** Resolves when no response is open, or after `ms`. */
  async settled(ms: number): Promise<void> {
    if (this.#open.size === 0) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      new Promise<void>((resolve) => (this.#emptied = resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    ])
    clearTimeout(timer)
  }

  /** Resolves once the log line of every closed response has been written. */
  async logged(): Promise<void> {
    await Promise.allSettled(this.#unlogged)
    // The request logger's own callback on that work was queued before ours: one turn more.
    await nextMacrotask()
  }

  #closed(res: ServerResponse): void {
    this.#open.delete(res)
    const pending = requestLog(res).pending
    if (pending !== undefined) {
      this.#unlogged.add(pending)
      const forget = (): void => void this.#unlogged.delete(pending)
      pending.then(forget, forget)
    }
    if (!this.#closing) return
    // The response is done but its connection is not idle yet: Node marks it so right after.
    setImmediate(() => this.#server.closeIdleConnections())
    if (this.#open.size === 0) this.#emptied?.()
  }
}

/** The relay cannot start as configured; `code` says why (`redis_unreachable`). */
export class StartupError extends Error {
  override readonly name = 'StartupError'
  constructor(
    readonly code: 'redis_unreachable',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/**
 * Waits until Redis answers: a relay that shares replies must not take requests it cannot share,
 * and an address that does not answer at start is an operator's mistake, said at once.
 */
async function reachRedis(ready: Promise<void>, env: EnvConfig): Promise<void> {
  if (env.relay.redis === undefined) return
  try {
    await ready
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    const message = `Cannot reach Redis at REDIS_URL (${redisHost(env)}): ${reason}`
    throw new StartupError('redis_unreachable', message, { cause })
  }
}

/** Where Redis is, without the credentials REDIS_URL may carry. */
function redisHost(env: EnvConfig): string {
  const url = new URL(env.relay.redis?.url ?? 'redis://')
  return `${url.protocol}//${url.host}${url.pathname}`
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
  const shutdown = new AbortController()
  const config: RelayConfig = {
    ...env.relay,
    signal: shutdown.signal,
    ...(options.logger !== undefined && { logger: options.logger }),
    upstream:
      mock !== undefined
        ? { apiKey: mock.apiKey, baseURL: mock.url }
        : { ...env.upstream, apiKey: env.upstream.apiKey ?? '' },
    upstreamKind: mock !== undefined ? 'mock' : 'openai',
  }
  if (config.defaultModel === undefined && mock !== undefined) config.defaultModel = MOCK_MODELS[0]

  const app = createRelay(config)
  const lifecycle = relayLifecycle(app)
  const server = createServer(app)
  const responses = new OpenResponses(server)
  try {
    await reachRedis(lifecycle.ready, env)
    server.listen(env.port, env.host)
    await once(server, 'listening')
  } catch (error) {
    shutdown.abort()
    await lifecycle.closed
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
    ...(env.relay.redis !== undefined ? [`replies shared through Redis at ${redisHost(env)}`] : []),
    ...(env.relay.staticDir !== undefined ? [`serving ${env.relay.staticDir}`] : []),
  ].join(' · ')

  return {
    server,
    url,
    summary,
    async close(graceMs = env.shutdownGraceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      responses.closing()
      // Streams can last minutes: after the grace period they end with an error event, which
      // cancels their upstream call, and a connection that cannot even take that is cut.
      await responses.settled(graceMs)
      shutdown.abort()
      await responses.settled(LAST_WORDS_MS)
      server.closeAllConnections()
      await closed
      await lifecycle.closed
      await responses.logged()
      await mock?.close()
    },
  }
}
