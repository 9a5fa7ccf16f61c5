import { afterEach, describe, expect, it } from 'vitest'
import { chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'
import { errorCodeOf, holdFrom, readUntil } from './generation-helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

const WORDS = ['one ', 'two ', 'three ', 'four ', 'five ', 'six']
const TEXT = WORDS.join('')

const resume = (id: string, headers: Record<string, string> = {}, query = ''): Promise<Response> =>
  fetch(`${relay?.url}/api/chat/streams/${id}${query}`, { headers })

describe('resuming a reply', () => {
  it('names the stream in X-Stream-Id and numbers every event from 1', async () => {
    relay = await startTestRelay({}, { chunks: WORDS })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    expect(response.headers.get('x-stream-id')).toMatch(/^[0-9a-f-]{36}$/)
    const { events } = await readSSE(response)
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, i) => i + 1))
    expect(events.at(-1)?.data).toBe('[DONE]')
  })

  it('continues a reply cut by a dropped connection exactly after Last-Event-ID, with one upstream call', async () => {
    const gate = holdFrom(3)
    relay = await startTestRelay({}, { chunks: WORDS, beforeChunk: gate.beforeChunk })
    const dropped = new AbortController()
    const response = await post(`${relay.url}/api/chat`, chatBody(), { signal: dropped.signal })
    const id = response.headers.get('x-stream-id') as string
    const { events: before } = await readUntil(response, (events) =>
      contentOf(events).endsWith('three '),
    )
    dropped.abort()
    await new Promise((resolve) => setTimeout(resolve, 50))
    gate.open()
    const lastId = before.at(-1)?.id as string
    const resumed = await resume(id, { 'Last-Event-ID': lastId })
    expect(resumed.status).toBe(200)
    expect(resumed.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const { events: after } = await readSSE(resumed)
    expect(Number(after[0]?.id)).toBe(Number(lastId) + 1)
    expect(contentOf([...before, ...after])).toBe(TEXT)
    expect(after.at(-1)?.data).toBe('[DONE]')
    expect(relay.upstream.requests).toHaveLength(1)
    const upstreamRequest = await relay.upstream.nextRequest()
    await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(false)
  })

  it('takes the last id from ?lastEventId= too', async () => {
    relay = await startTestRelay({}, { chunks: WORDS })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    const id = response.headers.get('x-stream-id') as string
    const { events } = await readSSE(response)
    const { events: tail } = await readSSE(await resume(id, {}, '?lastEventId=2'))
    expect(tail).toEqual(events.slice(2))
  })

  it('replays the whole reply from the start without Last-Event-ID', async () => {
    relay = await startTestRelay({}, { chunks: WORDS })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    const id = response.headers.get('x-stream-id') as string
    const { events } = await readSSE(response)
    const { events: replayed } = await readSSE(await resume(id))
    expect(replayed).toEqual(events)
    expect(contentOf(replayed)).toBe(TEXT)
  })

  it('lets two subscribers follow one generation', async () => {
    const gate = holdFrom(2)
    relay = await startTestRelay({}, { chunks: WORDS, beforeChunk: gate.beforeChunk })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    const second = await resume(response.headers.get('x-stream-id') as string)
    const both = Promise.all([readSSE(response), readSSE(second)])
    gate.open()
    const [first, other] = await both
    expect(other.events).toEqual(first.events)
    expect(contentOf(first.events)).toBe(TEXT)
    expect(relay.upstream.requests).toHaveLength(1)
    // One line for the generation, one for the resume.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(relay.logger.lines).toHaveLength(2)
    expect(relay.logger.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/api\/chat 200 /),
        expect.stringMatching(/^GET \/api\/chat\/streams\/[0-9a-f-]+ 200 /),
      ]),
    )
  })

  it('answers 404 stream_not_found for an unknown id', async () => {
    relay = await startTestRelay()
    const response = await resume('not-a-stream')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'stream_not_found' } })
  })

  it('forgets a reply RELAY_STREAM_TTL_MS after it ended', async () => {
    relay = await startTestRelay({ streams: { ttlMs: 200 } }, { chunks: WORDS })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    const id = response.headers.get('x-stream-id') as string
    await readSSE(response)
    expect((await resume(id)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const expired = await resume(id)
    expect(expired.status).toBe(404)
    expect(await expired.json()).toMatchObject({ error: { code: 'stream_not_found' } })
  })

  it('ends a reply past its size bound with a stream_too_large event, and cancels the upstream', async () => {
    const long = Array<string>(200).fill('word ')
    relay = await startTestRelay({ streams: { maxBytes: 4096 } }, { chunks: long, delayMs: 5 })
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(errorCodeOf(events.at(-1))).toBe('stream_too_large')
    const upstreamRequest = await relay.upstream.nextRequest()
    await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
  })

  it('asks a resume and a stop for the relay token, as POST /api/chat does', async () => {
    relay = await startTestRelay({ token: 'relay-token' }, { chunks: WORDS })
    const authorization = 'Bearer relay-token'
    const response = await post(`${relay.url}/api/chat`, chatBody(), { headers: { authorization } })
    const id = response.headers.get('x-stream-id') as string
    await readSSE(response)
    expect((await resume(id)).status).toBe(401)
    const stop = (headers: Record<string, string>) =>
      fetch(`${relay?.url}/api/chat/streams/${id}/stop`, { method: 'POST', headers })
    expect((await stop({})).status).toBe(401)
    expect((await stop({ authorization })).status).toBe(202)
    const { events } = await readSSE(await resume(id, { authorization }))
    expect(contentOf(events)).toBe(TEXT)
  })

  it('refuses a Last-Event-ID that is not an event id with 400', async () => {
    relay = await startTestRelay({}, { chunks: WORDS })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    const id = response.headers.get('x-stream-id') as string
    await readSSE(response)
    const refused = await resume(id, { 'Last-Event-ID': 'abc' })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_request' } })
  })

  it('shows X-Stream-Id to allowed cross-origin callers', async () => {
    const origin = 'https://app.example'
    relay = await startTestRelay({ corsOrigins: [origin] })
    const response = await post(`${relay.url}/api/chat`, chatBody(), { headers: { origin } })
    expect(response.headers.get('access-control-expose-headers')).toMatch(/X-Stream-Id/i)
    await readSSE(response)
  })
})
