import type OpenAI from 'openai'
import type { RelayLogger } from '../log/logger.js'

/** How to reach the upstream model server: credentials for a new client, or a ready client. */
export type UpstreamConfig =
  | {
      apiKey: string
      /** Any OpenAI-compatible base URL (Azure-style gateways, Ollama, vLLM, DeepSeek...). */
      baseURL?: string
      organization?: string
      /** SDK retries before the stream starts. Default 0: the client decides whether to retry. */
      maxRetries?: number
    }
  | { client: OpenAI }
  /**
   * The mock model of `@typewriter-chat/mock-openai`, started at the first request on a loopback
   * port and never keeping the process alive; `tokensPerSecond` is its pace (default 40).
   */
  | { mock: true; tokensPerSecond?: number }

/** Everything {@link createRelay} needs. Only `upstream` is required. */
export interface RelayConfig {
  upstream: UpstreamConfig
  /** What `/api/health` reports as the upstream. Default `'mock'` for the mock upstream, else `'openai'`. */
  upstreamKind?: 'openai' | 'mock'
  /** Model used when a request names none. */
  defaultModel?: string
  /** When non-empty, only these models (and `defaultModel`) may be requested. */
  allowedModels?: readonly string[]
  /** Origins allowed to call the relay from a browser; empty means same origin only. */
  corsOrigins?: readonly string[]
  /**
   * Host names (without port) the API answers to; `*` for any. Others get 403, which stops DNS
   * rebinding. Default: any, because a mounted relay cannot know the names its host app serves;
   * the relay's own server (`loadConfig`) defaults to loopback names on a loopback bind.
   */
  allowedHosts?: readonly string[]
  /** When set, clients must send `Authorization: Bearer <token>` (health and static excepted). */
  token?: string
  /**
   * Upstream calls per minute per client on the API routes (each continuation round is one);
   * `0` disables. Default 60.
   */
  rateLimitPerMinute?: number
  /**
   * Bounds on what one request may cost: choices (`n`, `/v1` only) and output tokens
   * (`max_tokens` / `max_completion_tokens`). Larger values are refused with 400. Defaults 1 and
   * 32768. `maxReplyBytes` bounds what the relay holds of one upstream answer: the text of a
   * non-streamed reply, a JSON answer to a streamed request, the upstream's model list (default
   * 8 MiB; past it, 502 `upstream_too_large`). `maxBodyBytes` bounds a request's JSON body (default
   * 32 MiB: downscaled images as data URLs, which the history sends again each turn; past it, 413 `payload_too_large`).
   */
  limits?: {
    maxN?: number
    maxOutputTokens?: number
    maxReplyBytes?: number
    maxBodyBytes?: number
  }
  /**
   * Hosts that `https:` image URLs in content parts may name (`example.com`, or `*.example.com`
   * for its subdomains); others are refused with 400. Default: any public host (loopback, private
   * and link-local addresses and local names are always refused, as are schemes other than
   * `https:` and `data:image/…;base64`).
   */
  imageUrlHosts?: readonly string[]
  /** A `: ping` comment is sent after this many ms without output. Default 15000. */
  heartbeatMs?: number
  /**
   * Server-side continuation of replies cut by the token limit. Default on, at most 3 rounds, on
   * `POST /api/chat` only: `/v1` keeps OpenAI's semantics (a reply cut at `length` stays cut) unless
   * `v1` is set.
   */
  continuation?: { enabled?: boolean; maxContinuations?: number; v1?: boolean }
  /** Upstream watchdogs in ms: until the first chunk, and between chunks. Defaults 120000 / 60000. */
  timeouts?: { firstByteMs?: number; idleMs?: number }
  /**
   * A streaming client whose socket takes no byte for this many ms while the relay has more to
   * write loses its stream, and the upstream call is cancelled. Default 60000.
   */
  clientStallMs?: number
  /**
   * Resumable replies of `POST /api/chat` (`/v1` streams are not resumable). `ttlMs`: how long a
   * reply's events are kept after it ended, for late resumes (default 300000). `resumeGraceMs`: how
   * long a reply whose every client hung up goes on, waiting for a resume, before its upstream call
   * is cancelled (default 10000; 0 cancels at once, as `/v1` does). `maxBytes`: the largest total
   * size of one reply's events (default 32 MiB); past it, the reply ends with a `stream_too_large`
   * error event.
   */
  streams?: { ttlMs?: number; resumeGraceMs?: number; maxBytes?: number }
  /**
   * Share replies between relay instances through Redis, so that a reply started on one instance
   * can be resumed and stopped on any other: needed behind a load balancer with more than one
   * instance (or `RELAY_WORKERS` > 1). `url`: `redis://[user:password@]host[:port][/db]`, or
   * `rediss://` for TLS. `keyPrefix` (default `typewriter-chat:`) lets several relays share a
   * database. An instance that dies is noticed by the others within about two heartbeats.
   */
  redis?: { url: string; keyPrefix?: string }
  /**
   * Aborting it shuts the relay's streams down: each open one ends with an in-band
   * `server_shutting_down` error event, new ones get 503. `startRelay` aborts it when its grace
   * period is over; an app that mounts the relay does the same on its own shutdown.
   */
  signal?: AbortSignal
  /** Serve this directory (the built demo) at `/` with an SPA fallback. Off when unset. */
  staticDir?: string
  /** Express `trust proxy` setting, so rate limiting sees real client IPs behind a proxy. */
  trustProxy?: boolean | number | string
  logger?: RelayLogger
}

/** {@link RelayConfig} with every default filled in. */
export interface ResolvedRelayConfig {
  upstreamKind: 'openai' | 'mock'
  defaultModel: string
  allowedModels: readonly string[]
  corsOrigins: readonly string[]
  allowedHosts: readonly string[] | undefined
  token: string | undefined
  rateLimitPerMinute: number
  limits: { maxN: number; maxOutputTokens: number; maxReplyBytes: number; maxBodyBytes: number }
  imageUrlHosts: readonly string[] | undefined
  heartbeatMs: number
  continuation: { enabled: boolean; maxContinuations: number; v1: boolean }
  timeouts: { firstByteMs: number; idleMs: number }
  clientStallMs: number
  streams: { ttlMs: number; resumeGraceMs: number; maxBytes: number }
  redis: { url: string; keyPrefix: string } | undefined
  signal: AbortSignal | undefined
  staticDir: string | undefined
  logger: RelayLogger
}

/** Defaults shared by {@link createRelay} and the environment loader. */
export const RELAY_DEFAULTS = {
  defaultModel: 'gpt-4o-mini',
  rateLimitPerMinute: 60,
  maxN: 1,
  maxOutputTokens: 32_768,
  maxReplyBytes: 8 * 1024 * 1024,
  maxBodyBytes: 32 * 1024 * 1024,
  heartbeatMs: 15_000,
  maxContinuations: 3,
  firstByteMs: 120_000,
  idleMs: 60_000,
  clientStallMs: 60_000,
  streamTtlMs: 300_000,
  resumeGraceMs: 10_000,
  streamMaxBytes: 32 * 1024 * 1024,
  redisKeyPrefix: 'typewriter-chat:',
  shutdownGraceMs: 10_000,
} as const
