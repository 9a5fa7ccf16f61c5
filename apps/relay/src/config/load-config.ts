import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { LOOPBACK_HOSTS } from '../http/allowed-hosts.js'
import { RELAY_DEFAULTS } from './relay-config.js'
import type { RelayConfig } from './relay-config.js'

/** The relay's settings as read from the environment (see `.env.example`). */
export interface EnvConfig {
  port: number
  host: string
  /** How long open streams may run on after SIGTERM before they are ended (`startRelay`'s close). */
  shutdownGraceMs: number
  /** Relay processes to run on this machine (`node:cluster`); more than one needs `relay.redis`. */
  workers: number
  /** Upstream credentials; no `apiKey` means the embedded mock model answers. */
  upstream: { apiKey?: string; baseURL?: string; organization?: string }
  /** Pace of the mock model; its own default when unset. */
  mockTokensPerSecond?: number
  relay: Omit<RelayConfig, 'upstream' | 'upstreamKind' | 'logger'>
}

/** A setting in the environment is invalid; `variable` names it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid ${variable}: ${message}`)
  }
}

const demo = (path: string): string =>
  fileURLToPath(new URL(`../../../demo/${path}`, import.meta.url))

/**
 * Where the demo's production build lands when the relay runs inside the typewriter-chat repository
 * (the demo's sources sit next to it, built or not yet); `undefined` in an installed relay, whose
 * package has no demo beside it.
 */
export const DEFAULT_STATIC_DIR: string | undefined = existsSync(demo('package.json'))
  ? demo('dist')
  : undefined

const integer = (min: number, max: number, hint: string) =>
  z
    .string()
    .regex(/^\d+$/, `expected ${hint}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected ${hint}`).max(max, `expected ${hint}`))

const flag = z
  .string()
  .toLowerCase()
  .pipe(z.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], 'expected on or off'))
  .transform((value) => ['1', 'true', 'on', 'yes'].includes(value))

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
)

const url = z.url({ message: 'expected an absolute http(s) URL', protocol: /^https?$/ })

const redisUrl = z.url({
  message: 'expected redis://[user:password@]host[:port][/db] or rediss://… for TLS',
  protocol: /^rediss?$/,
})

/** Why `entry` can never equal a browser's `Origin` header, or `undefined` when it can. */
function originProblem(entry: string): string | undefined {
  if (entry === '*') return 'list each origin; "*" is not supported'
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    return `"${entry}" has no scheme: write https://${entry}`
  }
  let url: URL
  try {
    url = new URL(entry)
  } catch {
    return `"${entry}" is not a URL`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${entry}" is not an http(s) origin`
  }
  if (entry === `${url.origin}/`) {
    return `"${entry}" ends with a slash, which an Origin never has: write ${url.origin}`
  }
  if (entry !== url.origin) {
    return `"${entry}" is not an origin (scheme, host and port only, no path): write ${url.origin}`
  }
  return undefined
}

const origins = list.superRefine((entries, ctx) => {
  for (const entry of entries) {
    const problem = originProblem(entry)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  }
})

/** Host names as a browser sends them in `Host`, without the port; IPv6 in brackets. */
const hosts = list.superRefine((entries, ctx) => {
  for (const entry of entries) {
    if (entry === '*') continue
    if (entry.includes('/')) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is a URL: give the host name only` })
    } else if (!/^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/i.test(entry)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not a host name (no port: any port is allowed)`,
      })
    }
  }
})

/** Image hosts: names, or `*.name` for every subdomain of `name`. */
const imageHosts = list.superRefine((entries, ctx) => {
  for (const entry of entries) {
    if (!/^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(entry)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not a host name or *.domain (no scheme, port or path)`,
      })
    }
  }
})

const LOOPBACK_BIND = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i

const trustProxy = z.string().transform((value): boolean | number | string => {
  if (/^\d+$/.test(value)) return Number(value)
  if (value === 'true' || value === 'false') return value === 'true'
  return value
})

const envSchema = z.object({
  PORT: integer(0, 65_535, 'a port number 0-65535').default(8787),
  HOST: z.string().default('127.0.0.1'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url.optional(),
  OPENAI_ORGANIZATION: z.string().optional(),
  OPENAI_MODEL: z.string().optional(),
  RELAY_ALLOWED_MODELS: list.optional(),
  CORS_ORIGINS: origins.optional(),
  RELAY_ALLOWED_HOSTS: hosts.optional(),
  RELAY_TOKEN: z.string().optional(),
  RELAY_RATE_LIMIT: integer(0, 1_000_000, 'requests per minute (0 disables)').optional(),
  RELAY_MAX_N: integer(1, 128, 'a number of choices 1-128').optional(),
  RELAY_MAX_OUTPUT_TOKENS: integer(1, 10_000_000, 'a number of tokens, 1 or more').optional(),
  RELAY_MAX_REPLY_BYTES: integer(1024, 1_073_741_824, 'bytes, 1024 to 1 GiB').optional(),
  RELAY_MAX_BODY_BYTES: integer(1024, 268_435_456, 'bytes, 1024 to 256 MiB').optional(),
  RELAY_IMAGE_URL_HOSTS: imageHosts.optional(),
  RELAY_HEARTBEAT_MS: integer(100, 3_600_000, 'milliseconds, 100 or more').optional(),
  RELAY_CONTINUATION: flag.optional(),
  RELAY_MAX_CONTINUATIONS: integer(0, 20, 'a number of rounds 0-20').optional(),
  RELAY_V1_CONTINUATION: flag.optional(),
  RELAY_FIRST_BYTE_TIMEOUT_MS: integer(1, 3_600_000, 'milliseconds').optional(),
  RELAY_IDLE_TIMEOUT_MS: integer(1, 3_600_000, 'milliseconds').optional(),
  RELAY_CLIENT_STALL_MS: integer(100, 3_600_000, 'milliseconds, 100 or more').optional(),
  RELAY_SHUTDOWN_GRACE_MS: integer(0, 3_600_000, 'milliseconds').optional(),
  RELAY_STREAM_TTL_MS: integer(0, 86_400_000, 'milliseconds, up to a day').optional(),
  RELAY_RESUME_GRACE_MS: integer(0, 3_600_000, 'milliseconds (0 cancels on hang-up)').optional(),
  RELAY_STREAM_MAX_BYTES: integer(1024, 1_073_741_824, 'bytes, 1024 to 1 GiB').optional(),
  REDIS_URL: redisUrl.optional(),
  RELAY_WORKERS: integer(1, 256, 'a number of processes 1-256').optional(),
  RELAY_SERVE_STATIC: flag.optional(),
  RELAY_STATIC_DIR: z.string().optional(),
  RELAY_TRUST_PROXY: trustProxy.optional(),
  MOCK_TOKENS_PER_SECOND: integer(1, 100_000, 'tokens per second, 1 or more').optional(),
  NODE_ENV: z.string().optional(),
})

/** Every variable {@link loadConfig} reads (documented in `.env.example`). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape)

type Env = Record<string, string | undefined>

/** Variables that may hold credentials: an error about them must not print their value. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'OPENAI_API_KEY',
  'RELAY_TOKEN',
  'REDIS_URL',
])

/**
 * The folder to serve at `/`, if any. `RELAY_SERVE_STATIC` (default: on in production) serves
 * `RELAY_STATIC_DIR`, or the repository's demo build; production mode without either serves the API
 * only, and asking for a site with nothing to serve is an error rather than a silent 404 page.
 */
function staticSiteDir(
  serve: boolean | undefined,
  nodeEnv: string | undefined,
  dir: string | undefined,
): string | undefined {
  if (!(serve ?? nodeEnv === 'production')) return undefined
  const chosen = dir ?? DEFAULT_STATIC_DIR
  if (chosen === undefined && serve === true) {
    throw new ConfigError(
      'RELAY_SERVE_STATIC',
      'on, but there is no site to serve: set RELAY_STATIC_DIR to the folder of your built app',
    )
  }
  return chosen
}

/**
 * Reads the relay's settings from `env` (default `process.env`). Empty values count as unset, the way
 * `.env` files are usually written. Throws a {@link ConfigError} naming the first invalid variable.
 */
export function loadConfig(env: Env = process.env): EnvConfig {
  const present: Record<string, string> = {}
  for (const key of ENV_VARIABLES) {
    const value = env[key]?.trim()
    if (value !== undefined && value !== '') present[key] = value
  }
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = String(issue?.path[0] ?? 'environment')
    const got = SECRET_VARIABLES.has(variable) ? 'value not shown' : `got "${present[variable]}"`
    throw new ConfigError(variable, `${issue?.message ?? 'invalid value'} (${got})`)
  }
  const e = parsed.data
  const workers = e.RELAY_WORKERS ?? 1
  if (workers > 1 && e.REDIS_URL === undefined) {
    throw new ConfigError(
      'RELAY_WORKERS',
      `${workers} workers need REDIS_URL: a resumed or stopped reply may reach any worker, and ` +
        'only Redis lets one worker follow a reply that another runs (got no REDIS_URL)',
    )
  }
  const staticDir = staticSiteDir(e.RELAY_SERVE_STATIC, e.NODE_ENV, e.RELAY_STATIC_DIR)
  // On a public bind the relay cannot guess its public names; on a loopback one it can.
  const allowedHosts =
    e.RELAY_ALLOWED_HOSTS ?? (LOOPBACK_BIND.test(e.HOST) ? LOOPBACK_HOSTS : undefined)
  return {
    port: e.PORT,
    host: e.HOST,
    shutdownGraceMs: e.RELAY_SHUTDOWN_GRACE_MS ?? RELAY_DEFAULTS.shutdownGraceMs,
    workers,
    upstream: {
      ...(e.OPENAI_API_KEY !== undefined && { apiKey: e.OPENAI_API_KEY }),
      ...(e.OPENAI_BASE_URL !== undefined && { baseURL: e.OPENAI_BASE_URL }),
      ...(e.OPENAI_ORGANIZATION !== undefined && { organization: e.OPENAI_ORGANIZATION }),
    },
    ...(e.MOCK_TOKENS_PER_SECOND !== undefined && {
      mockTokensPerSecond: e.MOCK_TOKENS_PER_SECOND,
    }),
    relay: {
      ...(e.OPENAI_MODEL !== undefined && { defaultModel: e.OPENAI_MODEL }),
      allowedModels: e.RELAY_ALLOWED_MODELS ?? [],
      corsOrigins: e.CORS_ORIGINS ?? [],
      ...(allowedHosts !== undefined && { allowedHosts }),
      ...(e.RELAY_TOKEN !== undefined && { token: e.RELAY_TOKEN }),
      rateLimitPerMinute: e.RELAY_RATE_LIMIT ?? RELAY_DEFAULTS.rateLimitPerMinute,
      limits: {
        maxN: e.RELAY_MAX_N ?? RELAY_DEFAULTS.maxN,
        maxOutputTokens: e.RELAY_MAX_OUTPUT_TOKENS ?? RELAY_DEFAULTS.maxOutputTokens,
        maxReplyBytes: e.RELAY_MAX_REPLY_BYTES ?? RELAY_DEFAULTS.maxReplyBytes,
        maxBodyBytes: e.RELAY_MAX_BODY_BYTES ?? RELAY_DEFAULTS.maxBodyBytes,
      },
      ...(e.RELAY_IMAGE_URL_HOSTS !== undefined && { imageUrlHosts: e.RELAY_IMAGE_URL_HOSTS }),
      heartbeatMs: e.RELAY_HEARTBEAT_MS ?? RELAY_DEFAULTS.heartbeatMs,
      continuation: {
        enabled: e.RELAY_CONTINUATION ?? true,
        maxContinuations: e.RELAY_MAX_CONTINUATIONS ?? RELAY_DEFAULTS.maxContinuations,
        v1: e.RELAY_V1_CONTINUATION ?? false,
      },
      timeouts: {
        firstByteMs: e.RELAY_FIRST_BYTE_TIMEOUT_MS ?? RELAY_DEFAULTS.firstByteMs,
        idleMs: e.RELAY_IDLE_TIMEOUT_MS ?? RELAY_DEFAULTS.idleMs,
      },
      clientStallMs: e.RELAY_CLIENT_STALL_MS ?? RELAY_DEFAULTS.clientStallMs,
      streams: {
        ttlMs: e.RELAY_STREAM_TTL_MS ?? RELAY_DEFAULTS.streamTtlMs,
        resumeGraceMs: e.RELAY_RESUME_GRACE_MS ?? RELAY_DEFAULTS.resumeGraceMs,
        maxBytes: e.RELAY_STREAM_MAX_BYTES ?? RELAY_DEFAULTS.streamMaxBytes,
      },
      ...(e.REDIS_URL !== undefined && { redis: { url: e.REDIS_URL } }),
      ...(staticDir !== undefined && { staticDir }),
      ...(e.RELAY_TRUST_PROXY !== undefined && { trustProxy: e.RELAY_TRUST_PROXY }),
    },
  }
}
