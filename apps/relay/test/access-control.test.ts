import { afterEach, describe, expect, it } from 'vitest'
import { chatBody, post, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

describe('bearer token', () => {
  it('refuses a missing or wrong token with 401 and accepts the right one', async () => {
    relay = await startTestRelay({ token: 'relay-token' })
    const missing = await post(`${relay.url}/api/chat`, chatBody())
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
    const wrong = await post(`${relay.url}/v1/chat/completions`, chatBody(), {
      headers: { authorization: 'Bearer nope' },
    })
    expect(wrong.status).toBe(401)
    const models = await fetch(`${relay.url}/v1/models`)
    expect(models.status).toBe(401)
    const right = await post(`${relay.url}/api/chat`, chatBody(), {
      headers: { authorization: 'Bearer relay-token' },
    })
    expect(right.status).toBe(200)
    await right.text()
    expect(relay.upstream.requests).toHaveLength(1)
  })

  it('never forwards the client token upstream', async () => {
    relay = await startTestRelay({ token: 'relay-token' })
    await (
      await post(`${relay.url}/api/chat`, chatBody(), {
        headers: { authorization: 'Bearer relay-token' },
      })
    ).text()
    expect((await relay.upstream.nextRequest()).headers.authorization).not.toContain('relay-token')
  })

  it('leaves the health check open', async () => {
    relay = await startTestRelay({ token: 'relay-token' })
    expect((await fetch(`${relay.url}/api/health`)).status).toBe(200)
  })
})

describe('CORS allow-list', () => {
  const allowed = 'https://chat.example.com'

  it('gives allowed origins CORS headers, preflight included', async () => {
    relay = await startTestRelay({ corsOrigins: [allowed] })
    const preflight = await fetch(`${relay.url}/api/chat`, {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization')
    const response = await post(`${relay.url}/api/chat`, chatBody(), {
      headers: { origin: allowed },
    })
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed)
    await response.text()
  })

  it('gives other origins no CORS headers and refuses their preflights', async () => {
    relay = await startTestRelay({ corsOrigins: [allowed] })
    const preflight = await fetch(`${relay.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(403)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const response = await post(`${relay.url}/api/chat`, chatBody(), {
      headers: { origin: 'https://evil.example' },
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect([...response.headers.keys()].filter((k) => k.startsWith('access-control'))).toEqual([])
    await response.text()
  })

  it('allows no cross-origin caller when the list is empty (same origin only)', async () => {
    relay = await startTestRelay()
    const response = await post(`${relay.url}/api/chat`, chatBody(), {
      headers: { origin: allowed },
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    await response.text()
  })
})

describe('rate limiting', () => {
  it('answers 429 with Retry-After and a JSON body past the per-minute limit', async () => {
    relay = await startTestRelay({ rateLimitPerMinute: 2 })
    for (let i = 0; i < 2; i++) await (await post(`${relay.url}/api/chat`, chatBody())).text()
    const limited = await post(`${relay.url}/api/chat`, chatBody())
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    const body = (await limited.json()) as { error: { code: string; type: string } }
    expect(body.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'rate_limit_error' })
    expect(relay.upstream.requests).toHaveLength(2)
    expect((await fetch(`${relay.url}/api/health`)).status).toBe(200)
  })

  it('is off with a limit of 0', async () => {
    relay = await startTestRelay({ rateLimitPerMinute: 0 })
    for (let i = 0; i < 5; i++) {
      const response = await post(`${relay.url}/api/chat`, chatBody())
      expect(response.status).toBe(200)
      await response.text()
    }
  })
})
