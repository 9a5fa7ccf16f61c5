import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/load-config.js'
import { chatBody, post, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

describe('failed tokens and the rate limit', () => {
  it('counts wrong and missing tokens, so guessing stops at the limit', async () => {
    relay = await startTestRelay({ token: 'relay-token', rateLimitPerMinute: 3 })
    expect((await post(`${relay.url}/api/chat`, chatBody(), bearer('guess-1'))).status).toBe(401)
    expect((await post(`${relay.url}/v1/chat/completions`, chatBody())).status).toBe(401)
    expect((await fetch(`${relay.url}/v1/models`, bearer('guess-2'))).status).toBe(401)
    const limited = await post(`${relay.url}/api/chat`, chatBody(), bearer('relay-token'))
    expect(limited.status).toBe(429)
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe(
      'rate_limit_exceeded',
    )
    expect(relay.upstream.requests).toHaveLength(0)
  })

  it('counts tokens tried on /api/health too, which then tells only that the relay is up', async () => {
    relay = await startTestRelay({ token: 'relay-token', rateLimitPerMinute: 2 })
    for (const guess of ['guess-1', 'guess-2']) {
      expect(await (await fetch(`${relay.url}/api/health`, bearer(guess))).json()).toEqual({
        status: 'ok',
      })
    }
    const right = await fetch(`${relay.url}/api/health`, bearer('relay-token'))
    expect(right.status).toBe(200)
    expect(await right.json()).toEqual({ status: 'ok' })
    expect((await post(`${relay.url}/api/chat`, chatBody(), bearer('relay-token'))).status).toBe(
      429,
    )
  })
})

describe('/api/health', () => {
  it('tells a caller without the token only that the relay is up', async () => {
    relay = await startTestRelay({ token: 'relay-token' })
    for (const init of [{}, bearer('wrong')]) {
      const response = await fetch(`${relay.url}/api/health`, init)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ status: 'ok' })
    }
  })

  it('tells the configuration to a caller with the token', async () => {
    relay = await startTestRelay({ token: 'relay-token', defaultModel: 'gpt-a' })
    const health = await (await fetch(`${relay.url}/api/health`, bearer('relay-token'))).json()
    expect(health).toMatchObject({
      status: 'ok',
      upstream: 'openai',
      defaultModel: 'gpt-a',
      continuation: { enabled: true, maxContinuations: 3 },
    })
  })

  it('tells nobody more than that the relay is up when no token is set', async () => {
    relay = await startTestRelay({ defaultModel: 'gpt-a' })
    for (const init of [{}, bearer('anything')]) {
      expect(await (await fetch(`${relay.url}/api/health`, init)).json()).toEqual({
        status: 'ok',
      })
    }
  })
})

describe('CORS_ORIGINS at start-up', () => {
  it.each([
    ['https://chat.example.com/', /ends with a slash.*write https:\/\/chat\.example\.com/],
    ['https://chat.example.com/app', /no path.*write https:\/\/chat\.example\.com/],
    ['chat.example.com', /no scheme: write https:\/\/chat\.example\.com/],
    ['localhost:5173', /no scheme: write https:\/\/localhost:5173/],
    ['https://a.example,http://localhost:5173/', /"http:\/\/localhost:5173\/" ends with a slash/],
    ['*', /list each origin/],
    ['ftp://files.example', /not an http\(s\) origin/],
  ])('refuses %s with a message saying what to write', (value, why) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(
      expect.objectContaining({ variable: 'CORS_ORIGINS', message: expect.stringMatching(why) }),
    )
  })

  it('takes origins with a port, and IPv6 ones', () => {
    expect(
      loadConfig({
        CORS_ORIGINS: 'https://chat.example.com, http://localhost:5173,http://[::1]:8080',
      }).relay.corsOrigins,
    ).toEqual(['https://chat.example.com', 'http://localhost:5173', 'http://[::1]:8080'])
  })
})
