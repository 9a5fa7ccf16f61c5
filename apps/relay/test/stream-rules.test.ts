import { describe, expect, it } from 'vitest'
import type { RelayConfig } from '../src/config/relay-config.js'
import { chatBody, chunkEvent as chunk, contentOf, post, readSSE } from './helpers.js'
import { useRelayOnMock } from './relay-on-mock.js'

// The stall and Retry-After rules of docs/protocol.md ("Stream rules"), as the relay applies them
// through the core. The relay's own copies counted decoded chunks and read `-5` as a wait of 0.

const relay = useRelayOnMock()
const startRelay = (config: Partial<RelayConfig> = {}) =>
  relay.start({ continuation: { enabled: false }, ...config })

describe('when an upstream has stalled', () => {
  it('takes SSE comments as a sign of life: an upstream that pings while it queues is not timed out', async () => {
    const url = await startRelay({ timeouts: { firstByteMs: 150, idleMs: 150 } })
    // 400 ms of pings before the first chunk, then a pinged pause mid-reply: no 150 ms of silence.
    const pings = Array.from({ length: 8 }, () => ': OPENROUTER PROCESSING\n\n')
    relay.upstream.script({
      raw: [...pings, chunk('Hel'), ...pings, chunk('lo', 'stop'), 'data: [DONE]\n\n'],
      delayMs: 50,
    })
    const response = await post(`${url}/api/chat`, chatBody())
    expect(response.status).toBe(200)
    const { events } = await readSSE(response)
    expect(contentOf(events)).toBe('Hello')
    expect(events.at(-1)?.data).toBe('[DONE]')
  })

  it('times out a body that goes silent mid-reply, with its upstream_timeout error event', async () => {
    const url = await startRelay({ timeouts: { idleMs: 100 } })
    relay.upstream.script({ chunks: ['Hel', 'lo'], delayMs: 400 })
    const response = await post(`${url}/api/chat`, chatBody())
    const { events } = await readSSE(response)
    const last = JSON.parse(events.at(-1)?.data ?? '{}') as { error?: { code: string } }
    expect(last.error?.code).toBe('upstream_timeout')
  })
})

describe('Retry-After from an upstream 429', () => {
  const limited = (headers: Record<string, string>) => ({
    status: 429,
    headers,
    error: { message: 'Slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  })

  it('passes a fractional wait on as whole seconds, rounded up, never down', async () => {
    const url = await startRelay()
    relay.upstream.script(limited({ 'retry-after-ms': '1200', 'retry-after': '1' }))
    const response = await post(`${url}/api/chat`, chatBody())
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('2')
  })

  it('passes no wait on when the upstream sent an unreadable one', async () => {
    const url = await startRelay()
    relay.upstream.script(limited({ 'retry-after': '-5' }))
    const response = await post(`${url}/api/chat`, chatBody())
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBeNull()
  })
})
