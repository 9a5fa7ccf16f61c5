import { afterEach, describe, expect, it } from 'vitest'
import { chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'
import { errorCodeOf, holdFrom, readUntil } from './generation-helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

const slowReply = { chunks: Array.from({ length: 500 }, (_, i) => `word${i} `), delayMs: 20 }

const stop = (id: string): Promise<Response> =>
  fetch(`${relay?.url}/api/chat/streams/${id}/stop`, { method: 'POST' })

/** Starts a slow reply, reads a few words of it, then hangs up; resolves when it hung up. */
async function startAndHangUp(path = '/api/chat'): Promise<number> {
  const dropped = new AbortController()
  const response = await post(`${relay?.url}${path}`, chatBody({ stream: true }), {
    signal: dropped.signal,
  })
  await readUntil(response, (events) => contentOf(events).includes('word3 '))
  dropped.abort()
  return performance.now()
}

describe('stopping a reply', () => {
  it('cancels the upstream call and ends every subscriber with stream_stopped; again and again', async () => {
    const gate = holdFrom(2)
    relay = await startTestRelay(
      {},
      { chunks: ['a', 'b', 'c', 'd'], beforeChunk: gate.beforeChunk },
    )
    const response = await post(`${relay.url}/api/chat`, chatBody())
    const id = response.headers.get('x-stream-id') as string
    const second = await fetch(`${relay.url}/api/chat/streams/${id}`)
    const upstreamRequest = await relay.upstream.nextRequest()
    const both = Promise.all([readSSE(response), readSSE(second)])
    const first = await stop(id)
    expect(first.status).toBe(202)
    const stoppedAt = performance.now()
    const closedAt = await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
    expect(closedAt - stoppedAt).toBeLessThan(500)
    for (const { events } of await both) {
      expect(contentOf(events)).toBe('ab')
      expect(errorCodeOf(events.at(-1))).toBe('stream_stopped')
      expect(events.some((event) => event.data === '[DONE]')).toBe(false)
    }
    expect((await stop(id)).status).toBe(202)
    gate.open()
  })

  it('answers 404 stream_not_found for an unknown id', async () => {
    relay = await startTestRelay()
    const response = await stop('not-a-stream')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'stream_not_found' } })
  })
})

describe('hang-ups', () => {
  it('keep an abandoned reply going for RELAY_RESUME_GRACE_MS, then cancel it', async () => {
    relay = await startTestRelay({ streams: { resumeGraceMs: 300 } }, slowReply)
    const hungUpAt = await startAndHangUp()
    const upstreamRequest = await relay.upstream.nextRequest()
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(upstreamRequest.closedAt).toBeUndefined()
    const closedAt = await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
    expect(closedAt - hungUpAt).toBeGreaterThanOrEqual(250)
    expect(upstreamRequest.chunksWritten).toBeLessThan(slowReply.chunks.length)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(relay.logger.lines).toEqual([
      expect.stringMatching(/^POST \/api\/chat 200 .*aborted by client \(upstream cancelled\)$/),
    ])
  })

  it('cancel at once with RELAY_RESUME_GRACE_MS=0', async () => {
    relay = await startTestRelay({ streams: { resumeGraceMs: 0 } }, slowReply)
    const hungUpAt = await startAndHangUp()
    const upstreamRequest = await relay.upstream.nextRequest()
    const closedAt = await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
    expect(closedAt - hungUpAt).toBeLessThan(500)
  })

  it('cancel a /v1 stream at once, whatever the resume grace', async () => {
    relay = await startTestRelay({ streams: { resumeGraceMs: 60_000 } }, slowReply)
    const hungUpAt = await startAndHangUp('/v1/chat/completions')
    const upstreamRequest = await relay.upstream.nextRequest()
    const closedAt = await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
    expect(closedAt - hungUpAt).toBeLessThan(500)
  })
})
