import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/load-config.js'
import type { RelayConfig } from '../src/config/relay-config.js'
import { streamUpstream } from '../src/upstream/stream-upstream.js'
import { chatBody, contentOf, post, readSSE } from './helpers.js'
import { useRelayOnMock } from './relay-on-mock.js'

// Issue 13, items 1, 8 and 9: what the relay reads from the upstream is bounded in size and time,
// and a call nobody waits for any more is closed.

const relay = useRelayOnMock()
const startRelay = (config: Partial<RelayConfig> = {}) =>
  relay.start({ continuation: { enabled: false }, ...config })

/** The index the next upstream request will have in the mock's record. */
const nextIndex = () => relay.upstream.requests.length

const errorCode = (data: string | undefined): unknown =>
  (JSON.parse(data ?? '{}') as { error?: { code?: string } }).error?.code

/** 9 Mi characters of one line that never ends: past the SSE decoder's 8 Mi bound. */
const endlessLine = `data: ${'q'.repeat(9 * 1024 * 1024)}`

describe('an upstream line with no end', () => {
  it('ends that stream with an in-band upstream_too_large error and closes the upstream call, while other streams go on', async () => {
    // The idle watchdog would end it too, later and as a timeout: the bound must come first.
    const url = await startRelay({ timeouts: { idleMs: 5_000 } })
    relay.upstream.script({ chunks: ['Hello', ' world'] })
    const index = nextIndex()
    // The line, then nothing for ten minutes: the upstream keeps the socket open.
    relay.upstream.scriptOnce({ raw: [endlessLine, ': later\n\n'], delayMs: 600_000 })
    const hostile = post(`${url}/api/chat`, chatBody())
    await relay.upstream.nextRequest(index)
    const healthy = post(`${url}/api/chat`, chatBody())

    const started = performance.now()
    const response = await hostile
    expect(response.status).toBe(200)
    const { events } = await readSSE(response)
    expect(errorCode(events.at(-1)?.data)).toBe('upstream_too_large')
    expect(performance.now() - started).toBeLessThan(4_000)
    const upstream = relay.upstream.requests[index]
    await upstream?.closed
    expect(upstream?.abortedByClient).toBe(true)

    const other = await readSSE(await healthy)
    expect(contentOf(other.events)).toBe('Hello world')
    expect(other.events.at(-1)?.data).toBe('[DONE]')
  })

  it('answers a non-streamed request with 502 upstream_too_large', async () => {
    const url = await startRelay({ timeouts: { idleMs: 5_000 } })
    relay.upstream.scriptOnce({ raw: [endlessLine, ': later\n\n'], delayMs: 600_000 })
    const response = await post(`${url}/v1/chat/completions`, chatBody({ stream: false }))
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ error: { code: 'upstream_too_large' } })
  })
})

describe('a consumer that fails to open its reply', () => {
  it('fails the reply instead of losing the error, and closes the upstream call', async () => {
    const { apiKey, url } = relay.upstream
    const client = new OpenAI({ apiKey, baseURL: url, maxRetries: 0 })
    const index = nextIndex()
    relay.upstream.scriptOnce({ hang: 'headers' })
    const bug = new Error('a bug in the consumer')
    const chunks = streamUpstream(client, chatBody(), {
      firstByteMs: 5_000,
      idleMs: 5_000,
      maxJsonBytes: 1_000_000,
      onAccepted() {
        throw bug
      },
    })
    const failed = (async () => {
      try {
        for await (const chunk of chunks) void chunk
        return 'ended'
      } catch (error) {
        return error
      }
    })()
    expect(await failed).toBe(bug)
    const upstream = await relay.upstream.nextRequest(index)
    await upstream.closed
    expect(upstream.abortedByClient).toBe(true)
  })
})

describe('GET /v1/models against a silent upstream', () => {
  it('answers 504 upstream_timeout after the first-byte timeout and closes the upstream call', async () => {
    const url = await startRelay({ timeouts: { firstByteMs: 300 } })
    relay.upstream.scriptModels({ hang: true })
    try {
      const index = nextIndex()
      const started = performance.now()
      const response = await fetch(`${url}/v1/models`)
      expect(response.status).toBe(504)
      expect(await response.json()).toMatchObject({ error: { code: 'upstream_timeout' } })
      expect(performance.now() - started).toBeLessThan(3_000)
      const upstream = relay.upstream.requests[index]
      expect(upstream?.path).toBe('/v1/models')
      await upstream?.closed
      expect(upstream?.abortedByClient).toBe(true)
    } finally {
      relay.upstream.scriptModels(undefined)
    }
  })

  it('closes the upstream call the moment the client leaves', async () => {
    const url = await startRelay()
    relay.upstream.scriptModels({ hang: true })
    try {
      const index = nextIndex()
      const leave = new AbortController()
      const pending = fetch(`${url}/v1/models`, { signal: leave.signal })
      const upstream = await relay.upstream.nextRequest(index)
      leave.abort()
      await expect(pending).rejects.toThrow()
      const left = performance.now()
      await upstream.closed
      expect(performance.now() - left).toBeLessThan(2_000)
      expect(upstream.abortedByClient).toBe(true)
    } finally {
      relay.upstream.scriptModels(undefined)
    }
  })

  it('answers 502 upstream_too_large for a model list past limits.maxReplyBytes', async () => {
    const url = await startRelay({ limits: { maxReplyBytes: 2_000 } })
    const data = Array.from({ length: 100 }, (_, i) => ({ id: `model-${i}`, object: 'model' }))
    relay.upstream.scriptModels({ json: { object: 'list', data } })
    try {
      const response = await fetch(`${url}/v1/models`)
      expect(response.status).toBe(502)
      expect(await response.json()).toMatchObject({ error: { code: 'upstream_too_large' } })
    } finally {
      relay.upstream.scriptModels(undefined)
    }
  })

  it('lists the default model for an upstream without a models endpoint (404)', async () => {
    const url = await startRelay({ defaultModel: 'llama3' })
    relay.upstream.scriptModels({ status: 404 })
    try {
      const response = await fetch(`${url}/v1/models`)
      expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'llama3' }] })
    } finally {
      relay.upstream.scriptModels(undefined)
    }
  })

  it('still lists the upstream models when they come', async () => {
    const url = await startRelay({ timeouts: { firstByteMs: 2_000 } })
    const response = await fetch(`${url}/v1/models`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'mock-chat' }, {}] })
  })
})

describe('a non-streamed reply', () => {
  const piece = 'x'.repeat(100)

  it('is refused with 502 upstream_too_large past limits.maxReplyBytes, and the upstream call is closed early', async () => {
    const url = await startRelay({ limits: { maxReplyBytes: 1_000 } })
    const index = nextIndex()
    relay.upstream.scriptOnce({ chunks: Array<string>(50).fill(piece), delayMs: 10 })
    const response = await post(`${url}/v1/chat/completions`, chatBody({ stream: false }))
    expect(response.status).toBe(502)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('upstream_too_large')
    expect(body.error.message).toContain('1000 bytes')
    const upstream = relay.upstream.requests[index]
    await upstream?.closed
    expect(upstream?.abortedByClient).toBe(true)
    expect(upstream?.chunksWritten).toBeLessThan(50)
  })

  it('counts UTF-8 bytes, tool calls included, and keeps a reply within the bound whole', async () => {
    const url = await startRelay({ limits: { maxReplyBytes: 1_000 } })
    // 300 characters of CJK are 900 bytes: within the bound, as one reply.
    relay.upstream.scriptOnce({ chunks: Array<string>(3).fill('字'.repeat(100)) })
    const within = await post(`${url}/v1/chat/completions`, chatBody({ stream: false }))
    expect(within.status).toBe(200)
    const completion = (await within.json()) as { choices: { message: { content: string } }[] }
    expect(completion.choices[0]?.message.content).toBe('字'.repeat(300))

    relay.upstream.scriptOnce({
      chunks: [
        '字'.repeat(100),
        {
          tool_calls: [
            { index: 0, id: 'call_1', function: { name: 'lookup', arguments: 'a'.repeat(800) } },
          ],
        },
      ],
    })
    const past = await post(`${url}/v1/chat/completions`, chatBody({ stream: false }))
    expect(past.status).toBe(502)
  })
})

describe('RELAY_MAX_REPLY_BYTES', () => {
  it('sets limits.maxReplyBytes, 8 MiB by default', () => {
    expect(loadConfig({}).relay.limits?.maxReplyBytes).toBe(8 * 1024 * 1024)
    expect(loadConfig({ RELAY_MAX_REPLY_BYTES: '65536' }).relay.limits?.maxReplyBytes).toBe(65_536)
  })

  it('refuses a value that is not a byte count of 1024 or more, naming the variable', () => {
    for (const value of ['8M', '100', '-1']) {
      expect(() => loadConfig({ RELAY_MAX_REPLY_BYTES: value })).toThrow(/RELAY_MAX_REPLY_BYTES/)
    }
  })
})
