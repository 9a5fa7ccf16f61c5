import { afterEach, describe, expect, it } from 'vitest'
import {
  assertNoKey,
  chatBody,
  contentOf,
  headerText,
  post,
  readSSE,
  startTestRelay,
} from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

describe('POST /api/chat', () => {
  it('streams OpenAI chunks with numbered ids and ends with [DONE]', async () => {
    relay = await startTestRelay({}, { chunks: ['Hel', 'lo', '!'] })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    expect(response.status).toBe(200)
    const { events, raw } = await readSSE(response)
    expect(contentOf(events)).toBe('Hello!')
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => String(i + 1)))
    expect(events.at(-1)?.data).toBe('[DONE]')
    const first = JSON.parse(events[0]?.data ?? '{}') as { object: string; choices: unknown[] }
    expect(first.object).toBe('chat.completion.chunk')
    const usage = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.data) as { usage?: { completion_tokens: number } | null })
      .find((chunk) => chunk.usage != null)
    expect(usage?.usage?.completion_tokens).toBe(3)
    assertNoKey(raw + headerText(response))
  })

  it('sends proxy-proof SSE headers, uncompressed', async () => {
    relay = await startTestRelay()
    const response = await post(`${relay.url}/api/chat`, chatBody(), {
      headers: { 'accept-encoding': 'gzip, br' },
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    // A keep-alive client keeps its connection: Node says so, the relay does not force it.
    expect(response.headers.get('connection')).toBe('keep-alive')
    expect(response.headers.get('content-encoding')).toBeNull()
    await readSSE(response)
  })

  it('always asks the upstream for usage and forwards only known fields', async () => {
    relay = await startTestRelay({ defaultModel: 'gpt-default' })
    const response = await post(
      `${relay.url}/api/chat`,
      chatBody({ temperature: 0.3, n: 5, continuation: false, stream: false, surprise: 1 }),
    )
    await readSSE(response)
    const request = await relay.upstream.nextRequest()
    expect(request.body).toMatchObject({
      model: 'gpt-default',
      temperature: 0.3,
      stream: true,
      stream_options: { include_usage: true },
    })
    expect(request.body).not.toHaveProperty('n')
    expect(request.body).not.toHaveProperty('surprise')
    expect(request.body).not.toHaveProperty('continuation')
    expect(request.headers.authorization).toMatch(/^Bearer sk-test-/)
  })

  it('relays multi-byte characters split across single-byte upstream writes intact', async () => {
    const pieces = ['你好，', '世界 👋🏽', ' café', ' 🇨🇭']
    relay = await startTestRelay({}, { chunks: pieces, writeSize: 1 })
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(contentOf(events)).toBe(pieces.join(''))
    expect(contentOf(events)).not.toContain('\uFFFD')
  })

  it('writes each chunk as it arrives instead of batching the reply', async () => {
    relay = await startTestRelay({}, { chunks: ['a', 'b', 'c', 'd'], delayMs: 150 })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    const arrivals: number[] = []
    const started = performance.now()
    const decoder = new TextDecoder()
    for await (const bytes of response.body ?? []) {
      const text = decoder.decode(bytes as Uint8Array, { stream: true })
      for (const _ of text.matchAll(/"content":"[a-d]"/g))
        arrivals.push(performance.now() - started)
    }
    expect(arrivals).toHaveLength(4)
    // Paced 150 ms apart upstream, so they must arrive spread out, not in one burst at the end.
    expect((arrivals[3] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(300)
  })

  it('sends : ping heartbeats while the model is silent', async () => {
    relay = await startTestRelay({ heartbeatMs: 50 }, { chunks: ['slow'], firstChunkDelayMs: 300 })
    const { comments, events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(comments.filter((c) => c.trim() === 'ping').length).toBeGreaterThanOrEqual(3)
    expect(contentOf(events)).toBe('slow')
  })

  it('pings each of several concurrent silent streams (one heartbeat serves them all)', async () => {
    relay = await startTestRelay({ heartbeatMs: 50 }, { chunks: ['slow'], firstChunkDelayMs: 300 })
    const url = `${relay.url}/api/chat`
    const replies = await Promise.all(
      [1, 2, 3].map(async () => readSSE(await post(url, chatBody()))),
    )
    for (const { comments, events } of replies) {
      expect(comments.filter((c) => c.trim() === 'ping').length).toBeGreaterThanOrEqual(3)
      expect(contentOf(events)).toBe('slow')
    }
  })

  it('sends no heartbeat while chunks keep flowing faster than the interval', async () => {
    relay = await startTestRelay({ heartbeatMs: 200 }, { chunks: Array(10).fill('x'), delayMs: 20 })
    const { comments } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(comments).toEqual([])
  })

  it('logs one line per request with status, duration and tokens', async () => {
    relay = await startTestRelay(
      {},
      { usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } },
    )
    await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(relay.logger.lines).toHaveLength(1)
    expect(relay.logger.lines[0]).toMatch(/^POST \/api\/chat 200 \d+ms prompt=7 completion=3$/)
  })
})
