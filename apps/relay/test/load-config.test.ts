import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  DEFAULT_STATIC_DIR,
  ENV_VARIABLES,
  loadConfig,
} from '../src/config/load-config.js'

const envExample = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8')
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', upstream: {} })
    expect(config.relay).toMatchObject({
      allowedModels: [],
      corsOrigins: [],
      rateLimitPerMinute: 60,
      heartbeatMs: 15_000,
      continuation: { enabled: true, maxContinuations: 3 },
      clientStallMs: 60_000,
    })
    expect(config.shutdownGraceMs).toBe(10_000)
    expect(config.relay.staticDir).toBeUndefined()
    expect(config.relay.token).toBeUndefined()
  })

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      OPENAI_API_KEY: 'sk-x',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_ORGANIZATION: 'org-1',
      OPENAI_MODEL: 'llama3',
      RELAY_ALLOWED_MODELS: ' llama3, qwen2 ,,',
      CORS_ORIGINS: 'https://a.example,http://localhost:5173',
      RELAY_TOKEN: 'tok',
      RELAY_RATE_LIMIT: '0',
      RELAY_HEARTBEAT_MS: '5000',
      RELAY_CONTINUATION: 'off',
      RELAY_MAX_CONTINUATIONS: '5',
      RELAY_V1_CONTINUATION: 'on',
      RELAY_FIRST_BYTE_TIMEOUT_MS: '30000',
      RELAY_IDLE_TIMEOUT_MS: '20000',
      RELAY_CLIENT_STALL_MS: '15000',
      RELAY_SHUTDOWN_GRACE_MS: '0',
      RELAY_STREAM_TTL_MS: '60000',
      RELAY_RESUME_GRACE_MS: '0',
      RELAY_STREAM_MAX_BYTES: '1048576',
      RELAY_MAX_BODY_BYTES: '4194304',
      RELAY_IMAGE_URL_HOSTS: 'cdn.example.com, *.images.example.org',
      REDIS_URL: 'redis://user:pw@redis.internal:6380/2',
      RELAY_WORKERS: '4',
      RELAY_TRUST_PROXY: 'loopback',
      MOCK_TOKENS_PER_SECOND: '40',
    })
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      upstream: { apiKey: 'sk-x', baseURL: 'http://localhost:11434/v1', organization: 'org-1' },
      mockTokensPerSecond: 40,
      shutdownGraceMs: 0,
      workers: 4,
      relay: {
        defaultModel: 'llama3',
        allowedModels: ['llama3', 'qwen2'],
        corsOrigins: ['https://a.example', 'http://localhost:5173'],
        token: 'tok',
        rateLimitPerMinute: 0,
        heartbeatMs: 5000,
        continuation: { enabled: false, maxContinuations: 5, v1: true },
        timeouts: { firstByteMs: 30_000, idleMs: 20_000 },
        clientStallMs: 15_000,
        streams: { ttlMs: 60_000, resumeGraceMs: 0, maxBytes: 1_048_576 },
        redis: { url: 'redis://user:pw@redis.internal:6380/2' },
        limits: { maxBodyBytes: 4_194_304 },
        imageUrlHosts: ['cdn.example.com', '*.images.example.org'],
        trustProxy: 'loopback',
      },
    })
  })

  it('runs one worker with no shared store unless told otherwise', () => {
    const config = loadConfig({})
    expect(config.workers).toBe(1)
    expect(config.relay.redis).toBeUndefined()
  })

  it('refuses more than one worker without REDIS_URL, saying why', () => {
    expect(() => loadConfig({ RELAY_WORKERS: '3' })).toThrow(
      /Invalid RELAY_WORKERS: 3 workers need REDIS_URL/,
    )
  })

  it('refuses a REDIS_URL that is not a redis:// or rediss:// URL, without printing it', () => {
    const attempt = (): unknown => loadConfig({ REDIS_URL: 'http://user:hunter2@redis:6379' })
    expect(attempt).toThrow(/Invalid REDIS_URL: expected redis:\/\//)
    expect(attempt).not.toThrow(/hunter2/)
    expect(loadConfig({ REDIS_URL: 'rediss://redis.example:6380' }).relay.redis).toEqual({
      url: 'rediss://redis.example:6380',
    })
  })

  it('refuses an image host with a scheme, port or path', () => {
    expect(() => loadConfig({ RELAY_IMAGE_URL_HOSTS: 'https://cdn.example.com' })).toThrow(
      /Invalid RELAY_IMAGE_URL_HOSTS: "https:\/\/cdn.example.com" is not a host name/,
    )
  })

  it('treats empty values as unset', () => {
    expect(loadConfig({ OPENAI_API_KEY: '', PORT: ' ' }).upstream.apiKey).toBeUndefined()
  })

  it('serves the demo in production, from apps/demo/dist unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).relay.staticDir).toBe(DEFAULT_STATIC_DIR)
    expect(DEFAULT_STATIC_DIR?.replaceAll('\\', '/')).toMatch(/apps\/demo\/dist$/)
    expect(
      loadConfig({ RELAY_SERVE_STATIC: 'on', RELAY_STATIC_DIR: '/srv/www' }).relay.staticDir,
    ).toBe('/srv/www')
    expect(
      loadConfig({ NODE_ENV: 'production', RELAY_SERVE_STATIC: 'off' }).relay.staticDir,
    ).toBeUndefined()
  })

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['OPENAI_BASE_URL', 'localhost:11434'],
    ['CORS_ORIGINS', 'not a url'],
    ['RELAY_RATE_LIMIT', '-1'],
    ['RELAY_HEARTBEAT_MS', '10'],
    ['RELAY_CONTINUATION', 'maybe'],
    ['RELAY_CLIENT_STALL_MS', '50'],
    ['RELAY_SHUTDOWN_GRACE_MS', '10s'],
    ['RELAY_STREAM_TTL_MS', '5m'],
    ['RELAY_RESUME_GRACE_MS', '-1'],
    ['RELAY_STREAM_MAX_BYTES', '100'],
    ['MOCK_TOKENS_PER_SECOND', '0'],
  ])('names the variable when %s=%s is invalid', (variable, value) => {
    let error: unknown
    try {
      loadConfig({ [variable]: value })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(variable)
    expect((error as Error).message).toMatch(new RegExp(`^Invalid ${variable}: `))
  })

  it('documents every variable in .env.example and the README, and loads the example as is', () => {
    for (const variable of ENV_VARIABLES) {
      expect(envExample).toMatch(new RegExp(`^${variable}=`, 'm'))
      expect(readme).toContain(`\`${variable}\``)
    }
    expect(() => loadConfig(parseEnv(envExample))).not.toThrow()
  })
})
