import { existsSync } from 'node:fs'
import { once } from 'node:events'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'
import { afterEach, describe, expect, it } from 'vitest'
import { UPSTREAM_KEY, chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import { serverJs, startRelayProcess } from './relay-process.js'
import type { RelayProcess } from './relay-process.js'

let upstream: MockOpenAI | undefined
let relay: RelayProcess | undefined
afterEach(async () => {
  await relay?.kill()
  relay = undefined
  await upstream?.close()
  upstream = undefined
})

const ask = (content: string) => chatBody({ messages: [{ role: 'user', content }] })

describe.skipIf(!existsSync(serverJs))('SIGTERM (node dist/server.js)', () => {
  it('lets open streams finish for the grace period, ends the rest with an error event, logs every request and exits 0', async () => {
    // A short reply that finishes within the grace period, and one that would take a minute.
    upstream = await startMockOpenAI({
      script: (request) =>
        JSON.stringify(request.body?.messages).includes('short')
          ? { chunks: Array<string>(10).fill('s'), delayMs: 40 }
          : { chunks: Array<string>(1_000).fill('l'), delayMs: 60 },
    })
    relay = await startRelayProcess({
      OPENAI_API_KEY: UPSTREAM_KEY,
      OPENAI_BASE_URL: upstream.url,
      RELAY_SHUTDOWN_GRACE_MS: '2000',
    })
    const long = readSSE(await post(`${relay.url}/api/chat`, ask('long')))
    const short = readSSE(await post(`${relay.url}/api/chat`, ask('short')))
    const longUpstream = await upstream.nextRequest(0)
    await upstream.nextRequest(1)

    const signalledAt = performance.now()
    relay.child.kill('SIGTERM')
    await relay.printed(/SIGTERM: closing/)
    // No new connections from now on.
    await expect(post(`${relay.url}/api/chat`, ask('late'))).rejects.toThrow()

    const shortReply = await short
    expect(contentOf(shortReply.events)).toBe('s'.repeat(10))
    expect(shortReply.events.at(-1)?.data).toBe('[DONE]')

    const longReply = await long
    const last = JSON.parse(longReply.events.at(-1)?.data ?? '{}') as Record<string, unknown>
    expect(last).toEqual({
      error: expect.objectContaining({ code: 'server_shutting_down', type: 'server_error' }),
    })
    expect(contentOf(longReply.events.slice(0, -1))).toMatch(/^l+$/)
    await longUpstream.closed
    expect(longUpstream.abortedByClient).toBe(true)

    const [code] = (await once(relay.child, 'exit')) as [number | null]
    expect(code).toBe(0)
    expect(performance.now() - signalledAt).toBeLessThan(8_000)
    const lines = relay.output().split('\n')
    expect(lines.filter((line) => line.startsWith('POST /api/chat')).sort()).toEqual([
      expect.stringMatching(/^POST \/api\/chat 200 \d+ms .*error=server_shutting_down/),
      expect.stringMatching(/^POST \/api\/chat 200 \d+ms prompt=\d+ completion=10$/),
    ])
  })

  it('exits at once when nothing is open', async () => {
    relay = await startRelayProcess({ MOCK_TOKENS_PER_SECOND: '5000' })
    const signalledAt = performance.now()
    relay.child.kill('SIGTERM')
    const [code] = (await once(relay.child, 'exit')) as [number | null]
    expect(code).toBe(0)
    expect(performance.now() - signalledAt).toBeLessThan(1_000)
  })
})

describe('RelayConfig.signal (an app that mounts the relay shuts it down)', () => {
  it('ends open streams with a server_shutting_down event and refuses new ones with 503', async () => {
    const shutdown = new AbortController()
    const relay = await startTestRelay(
      { signal: shutdown.signal },
      { chunks: Array<string>(1_000).fill('w'), delayMs: 20 },
    )
    try {
      const open = readSSE(await post(`${relay.url}/api/chat`, chatBody()))
      const upstreamRequest = await relay.upstream.nextRequest()
      shutdown.abort()
      const { events } = await open
      expect(JSON.parse(events.at(-1)?.data ?? '{}')).toEqual({
        error: expect.objectContaining({ code: 'server_shutting_down' }),
      })
      await upstreamRequest.closed
      expect(upstreamRequest.abortedByClient).toBe(true)

      const late = await post(`${relay.url}/v1/chat/completions`, chatBody({ stream: true }))
      expect(late.status).toBe(503)
      expect(await late.json()).toEqual({
        error: expect.objectContaining({ code: 'server_shutting_down' }),
      })
      expect(relay.upstream.requests).toHaveLength(1)
    } finally {
      await relay.close()
    }
  })
})
