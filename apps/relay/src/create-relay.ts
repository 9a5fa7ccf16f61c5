import { MOCK_MODELS } from '@typewriter-chat/mock-openai'
import express from 'express'
import { RELAY_DEFAULTS } from './config/relay-config.js'
import type { RelayConfig, ResolvedRelayConfig } from './config/relay-config.js'
import { allowedHosts } from './http/allowed-hosts.js'
import { bearerAuth } from './http/auth.js'
import { apiHeaders } from './http/api-headers.js'
import { errorHandler } from './http/error-handler.js'
import { rateLimitPerMinute } from './http/rate-limit.js'
import { apiNotFound, methodNotAllowed } from './http/route-guards.js'
import { staticSite } from './http/static-site.js'
import { createConsoleLogger } from './log/logger.js'
import { requestLogger } from './log/request-log.js'
import { chatRoute } from './routes/chat.js'
import { resumeRoute, stopRoute } from './routes/chat-streams.js'
import { completionsRoute } from './routes/completions.js'
import { healthRoute } from './routes/health.js'
import { jsonBody } from './routes/json-body.js'
import { modelsRoute } from './routes/models.js'
import { responsesRoute } from './routes/responses.js'
import { RedisStreams } from './redis/redis-streams.js'
import { Generations } from './streaming/generations.js'
import { Heartbeat } from './streaming/heartbeat.js'
import { createUpstreamClient } from './upstream/create-upstream-client.js'
import type { RelayContext } from './upstream/relay-context.js'

export type { RelayConfig, UpstreamConfig } from './config/relay-config.js'

/** When a relay is ready to serve, and when it has let go of everything after its shutdown. */
interface RelayLifecycle {
  /** Resolves once the shared store (Redis) is reachable; at once without one. */
  ready: Promise<void>
  /** Resolves once the streams ended by the shutdown signal are written and the store is left. */
  closed: Promise<void>
}

const lifecycles = new WeakMap<express.Express, RelayLifecycle>()

/** The lifecycle of a relay made by {@link createRelay}. @internal */
export function relayLifecycle(app: express.Express): RelayLifecycle {
  const lifecycle = lifecycles.get(app)
  if (lifecycle === undefined) throw new TypeError('Not a relay made by createRelay().')
  return lifecycle
}

/** Redis's share of replies between instances, when configured. */
function sharedStreams(config: ResolvedRelayConfig): RedisStreams | undefined {
  if (config.redis === undefined) return undefined
  return new RedisStreams({
    ...config.redis,
    ttlMs: config.streams.ttlMs,
    // The owner renews its lease three times per lease; two heartbeats keep a busy owner alive.
    leaseMs: Math.max(2 * config.heartbeatMs, 1_000),
    logger: config.logger,
  })
}

function resolve(config: RelayConfig): ResolvedRelayConfig {
  return {
    upstreamKind: config.upstreamKind ?? ('mock' in config.upstream ? 'mock' : 'openai'),
    defaultModel:
      config.defaultModel ??
      ('mock' in config.upstream ? MOCK_MODELS[0] : RELAY_DEFAULTS.defaultModel),
    allowedModels: config.allowedModels ?? [],
    corsOrigins: config.corsOrigins ?? [],
    allowedHosts: config.allowedHosts,
    token: config.token,
    rateLimitPerMinute: config.rateLimitPerMinute ?? RELAY_DEFAULTS.rateLimitPerMinute,
    limits: {
      maxN: config.limits?.maxN ?? RELAY_DEFAULTS.maxN,
      maxOutputTokens: config.limits?.maxOutputTokens ?? RELAY_DEFAULTS.maxOutputTokens,
      maxReplyBytes: config.limits?.maxReplyBytes ?? RELAY_DEFAULTS.maxReplyBytes,
      maxBodyBytes: config.limits?.maxBodyBytes ?? RELAY_DEFAULTS.maxBodyBytes,
    },
    imageUrlHosts: config.imageUrlHosts,
    heartbeatMs: config.heartbeatMs ?? RELAY_DEFAULTS.heartbeatMs,
    continuation: {
      enabled: config.continuation?.enabled ?? true,
      maxContinuations: config.continuation?.maxContinuations ?? RELAY_DEFAULTS.maxContinuations,
      v1: config.continuation?.v1 ?? false,
    },
    timeouts: {
      firstByteMs: config.timeouts?.firstByteMs ?? RELAY_DEFAULTS.firstByteMs,
      idleMs: config.timeouts?.idleMs ?? RELAY_DEFAULTS.idleMs,
    },
    clientStallMs: config.clientStallMs ?? RELAY_DEFAULTS.clientStallMs,
    streams: {
      ttlMs: config.streams?.ttlMs ?? RELAY_DEFAULTS.streamTtlMs,
      resumeGraceMs: config.streams?.resumeGraceMs ?? RELAY_DEFAULTS.resumeGraceMs,
      maxBytes: config.streams?.maxBytes ?? RELAY_DEFAULTS.streamMaxBytes,
    },
    redis:
      config.redis === undefined
        ? undefined
        : {
            url: config.redis.url,
            keyPrefix: config.redis.keyPrefix ?? RELAY_DEFAULTS.redisKeyPrefix,
          },
    signal: config.signal,
    staticDir: config.staticDir,
    logger: config.logger ?? createConsoleLogger(),
  }
}

/**
 * Creates the relay as an Express app: `POST /api/chat` (resumed with
 * `GET /api/chat/streams/:id`, stopped with `POST /api/chat/streams/:id/stop`),
 * `POST /v1/chat/completions`, `POST /v1/responses`,
 * `GET /v1/models`, `GET /api/health`, and the built demo when `staticDir` is set. Listen on it
 * directly or mount it in an Express 5 app, at a sub-path (`app.use('/chat', createRelay(config))`
 * serves `/chat/api/chat`...) or at the root. Mounted, it answers 404 only under `/api` and `/v1`;
 * every other path goes on to the host's routes.
 */
export function createRelay(config: RelayConfig): express.Express {
  const resolved = resolve(config)
  const shared = sharedStreams(resolved)
  const relay: RelayContext = {
    client: createUpstreamClient(config.upstream),
    config: resolved,
    secrets: 'apiKey' in config.upstream ? [config.upstream.apiKey] : [],
    heartbeat: new Heartbeat(resolved.heartbeatMs),
    generations: new Generations(resolved.streams, shared),
  }
  const { generations } = relay
  const closed = new Promise<void>((resolve) => {
    const shutDown = (): void => void generations.shutDown().then(resolve)
    if (resolved.signal?.aborted === true) shutDown()
    else resolved.signal?.addEventListener('abort', shutDown, { once: true })
  })
  const app = express()
  lifecycles.set(app, { ready: shared?.ready ?? Promise.resolve(), closed })
  app.disable('x-powered-by')
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy)
  const api = ['/api', '/v1']
  // A relay mounted at a host's root must not log the host's own requests.
  app.use(resolved.staticDir === undefined ? api : '/', requestLogger(resolved.logger))
  const hosts = resolved.allowedHosts
  if (hosts !== undefined && !hosts.includes('*')) app.use(api, allowedHosts(hosts))
  app.use(api, apiHeaders(resolved.corsOrigins))
  // Routes are mounted on the app itself: a nested router per route costs every request a pass
  // through each router (prefix trimming, parameter processing) before it reaches its handler.
  const getOnly = methodNotAllowed(['GET', 'HEAD'])
  const postOnly = methodNotAllowed(['POST'])
  // The limiter comes before the token check, so guessing tokens costs the guesser its budget.
  const limiter =
    resolved.rateLimitPerMinute > 0 ? rateLimitPerMinute(resolved.rateLimitPerMinute) : undefined
  const charge = limiter?.charge
  app.route('/api/health').get(healthRoute(relay, charge)).all(getOnly)
  if (limiter !== undefined) app.use(api, limiter.middleware)
  if (resolved.token !== undefined) app.use(api, bearerAuth(resolved.token))
  const body = jsonBody(resolved.limits.maxBodyBytes)
  app.route('/api/chat').post(body, chatRoute(relay, charge)).all(postOnly)
  app.route('/api/chat/streams/:id').get(resumeRoute(relay)).all(getOnly)
  app.route('/api/chat/streams/:id/stop').post(stopRoute(relay)).all(postOnly)
  app.route('/v1/chat/completions').post(body, completionsRoute(relay, charge)).all(postOnly)
  app.route('/v1/responses').post(body, responsesRoute(relay)).all(postOnly)
  app.route('/v1/models').get(modelsRoute(relay)).all(getOnly)
  app.use(api, apiNotFound)

  if (resolved.staticDir !== undefined) app.use(staticSite(resolved.staticDir))
  // Listened on directly, the relay owns every path; mounted, what it does not serve is the host's.
  let mounted = false
  app.on('mount', () => (mounted = true))
  app.use((req, res, next) => {
    if (mounted) next()
    else apiNotFound(req, res, next)
  })
  app.use(errorHandler(resolved.logger))
  return app
}
