import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatRequest, ChatStreamEvent } from '../chat/types.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { collect, drain, text } from './__fixtures__/read-stream.js'
import { startResumableServer } from './__fixtures__/resumable-server.js'
import type { ResumableServer, ResumableServerOptions } from './__fixtures__/resumable-server.js'
import { resumeChat } from './resume-chat.js'
import { streamChat } from './stream-chat.js'
import type { StreamChatOptions } from './stream-chat.js'

const running: ResumableServer[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(running.splice(0).map((server) => server.close()))
})

async function serve(options: ResumableServerOptions): Promise<ResumableServer> {
  const server = await startResumableServer(options)
  running.push(server)
  return server
}

const request: ChatRequest = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] }

const PIECES = ['Résumé: ', 'nothing ', 'lost, ', '无一重复 ', 'at all.']
const TEXT = PIECES.join('')

function chunk(content: string | undefined, finish: string | null = null): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'test-model',
    choices: [{ index: 0, delta: content === undefined ? {} : { content }, finish_reason: finish }],
  })
}

/** The relay's shape of a reply: one event per piece, the finish, then `[DONE]` (ids 1…7). */
const PAYLOADS = [...PIECES.map((piece) => chunk(piece)), chunk(undefined, 'stop'), '[DONE]']

/** Points streamChat at `server`, with a token, resuming without noticeable waits. */
function optionsFor(server: ResumableServer, extra: Partial<StreamChatOptions> = {}) {
  return {
    url: server.url,
    headers: { authorization: 'Bearer t0ken' },
    resume: { minDelayMs: 1, maxDelayMs: 4 },
    ...extra,
  } satisfies StreamChatOptions
}

const methods = (server: ResumableServer) =>
  server.requests.map((seen) => `${seen.method} ${seen.path}`)

describe('streamChat resumes a dropped stream', () => {
  it('carries on after a cut inside an event with nothing missing or twice: one POST, one GET', async () => {
    // Cut 5 bytes into event 3: events 1 and 2 were read whole, the piece of 3 must be dropped.
    const server = await serve({ payloads: PAYLOADS, cuts: [{ events: 2, bytes: 5, how: 'drop' }] })
    const stream = streamChat(request, optionsFor(server))
    const events = await collect(stream)
    expect(text(events)).toBe(TEXT)
    expect(events.filter((event) => event.type === 'meta')).toHaveLength(1)
    expect(events.filter((event) => event.type === 'finish')).toHaveLength(1)
    expect(await stream.result()).toMatchObject({
      status: 'complete',
      message: { content: TEXT },
      finishReason: 'stop',
    })
    expect(methods(server)).toEqual(['POST /api/chat', 'GET /api/chat/streams/gen-1'])
    const resume = server.requests[1]!.headers
    expect(resume['last-event-id']).toBe('2')
    expect(resume.authorization).toBe('Bearer t0ken')
    expect(resume.accept).toBe('text/event-stream')
    expect(resume['content-type']).toBeUndefined()
  })

  it('survives a cut on every connection, anywhere in an event, even inside a character', async () => {
    const cjk = Buffer.from(`id: 4\ndata: ${chunk(PIECES[3])}\n\n`)
    const insideCharacter = cjk.indexOf(Buffer.from('无')) + 1
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [
        { events: 1, bytes: 3, how: 'drop' }, // inside `id: 2`
        { events: 2, bytes: 0, how: 'drop' }, // right after event 3, between events
        { events: 0, bytes: insideCharacter, how: 'drop' }, // event 4, inside 无
        { events: 0, bytes: cjk.length - 1, how: 'end' }, // event 4 but its last line break
        { events: 2, bytes: 40, how: 'drop' }, // inside the finish chunk
      ],
    })
    const stream = streamChat(request, optionsFor(server))
    expect(text(await collect(stream))).toBe(TEXT)
    expect((await stream.result()).status).toBe('complete')
    expect(server.requests.filter((seen) => seen.method === 'POST')).toHaveLength(1)
    expect(server.requests.map((seen) => seen.headers['last-event-id'])).toEqual([
      undefined,
      '1',
      '3',
      '3',
      '3',
      '5',
    ])
  })

  it('resumes a body that ended cleanly before the reply was complete (a proxy closed it)', async () => {
    const server = await serve({ payloads: PAYLOADS, cuts: [{ events: 3, how: 'end' }] })
    const result = await streamChat(request, optionsFor(server)).result()
    expect(result.message.content).toBe(TEXT)
    expect(server.requests[1]?.headers['last-event-id']).toBe('3')
  })

  it('tries again after a server error and resumes from the same event', async () => {
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [{ events: 4, bytes: 2, how: 'drop' }],
      resumeStatuses: [503, 503],
    })
    const result = await streamChat(request, optionsFor(server)).result()
    expect(result.message.content).toBe(TEXT)
    expect(server.requests.map((seen) => seen.headers['last-event-id'])).toEqual([
      undefined,
      '4',
      '4',
      '4',
    ])
  })

  it('gives up on an expired stream (404) with the error of the drop, keeping what arrived', async () => {
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [{ events: 2, bytes: 9, how: 'drop' }],
      resumeStatuses: [404],
    })
    const stream = streamChat(request, optionsFor(server))
    const { events, error } = await drain(stream)
    expect(text(events)).toBe(PIECES.slice(0, 2).join(''))
    expect(ChatStreamError.isInstance(error) && error.code).toBe('network_error')
    await expect(stream.result()).rejects.toBe(error)
    expect(methods(server)).toEqual(['POST /api/chat', 'GET /api/chat/streams/gen-1'])
  })

  it('gives up after its attempts, reporting an early end as incomplete_stream as before', async () => {
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [{ events: 1, how: 'end' }],
      resumeStatuses: [503, 503, 503],
    })
    const stream = streamChat(request, {
      ...optionsFor(server),
      resume: { attempts: 3, minDelayMs: 1, maxDelayMs: 2 },
    })
    const { error } = await drain(stream)
    expect(ChatStreamError.isInstance(error) && error.code).toBe('incomplete_stream')
    expect(server.requests).toHaveLength(4)
  })

  it('gets its attempts back once a resumed stream moved on', async () => {
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [
        { events: 1, how: 'drop' },
        undefined, // the 503 answers take no connection of their own
        { events: 1, how: 'drop' },
      ],
      resumeStatuses: [503, 200, 503, 200],
    })
    // Two attempts a drop: each drop needs both, which only works if the second drop starts afresh.
    const stream = streamChat(request, {
      ...optionsFor(server),
      resume: { attempts: 2, minDelayMs: 1, maxDelayMs: 2 },
    })
    expect((await stream.result()).message.content).toBe(TEXT)
  })

  it('resumes a round of client-side continuation too', async () => {
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [{ events: 3, bytes: 20, how: 'drop' }],
    })
    const stream = streamChat(request, { ...optionsFor(server), continueOnLength: true })
    expect(text(await collect(stream))).toBe(TEXT)
    expect(methods(server)).toEqual(['POST /api/chat', 'GET /api/chat/streams/gen-1'])
  })

  it('sends no GET to a server that names no stream, nor with resume: false', async () => {
    for (const [id, resume] of [
      [null, undefined],
      ['gen-1', false],
    ] as const) {
      const server = await serve({ payloads: PAYLOADS, id, cuts: [{ events: 2, how: 'drop' }] })
      const { events, error } = await drain(
        streamChat(request, { ...optionsFor(server), ...(resume === false ? { resume } : {}) }),
      )
      expect(text(events)).toBe(PIECES.slice(0, 2).join(''))
      expect(ChatStreamError.isInstance(error) && error.code).toBe('network_error')
      expect(methods(server)).toEqual(['POST /api/chat'])
    }
  })
})

describe('stopping a resuming stream', () => {
  it('ends at once during the backoff and stops the generation on the server', async () => {
    const server = await serve({ payloads: PAYLOADS, cuts: [{ events: 2, how: 'drop' }] })
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const stream = streamChat(request, {
      ...optionsFor(server),
      resume: { minDelayMs: 60_000, maxDelayMs: 60_000 },
    })
    const events: ChatStreamEvent[] = []
    const reading = (async () => {
      for await (const event of stream) events.push(event)
    })()
    // The backoff has begun once a minute-long timer was set.
    await vi.waitFor(() =>
      expect(timers.mock.calls.some(([, ms]) => (ms ?? 0) >= 30_000)).toBe(true),
    )
    stream.abort()
    await reading
    expect(text(events)).toBe(PIECES.slice(0, 2).join(''))
    expect(await stream.result()).toMatchObject({
      status: 'aborted',
      message: { content: text(events) },
    })
    await vi.waitFor(() => expect(server.requests).toHaveLength(2))
    expect(methods(server)).toEqual(['POST /api/chat', 'POST /api/chat/streams/gen-1/stop'])
    expect(server.requests[1]?.headers.authorization).toBe('Bearer t0ken')
  })

  it('stops a resumed stream: the stop request names the generation, the GET is cancelled', async () => {
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [
        { events: 1, bytes: 7, how: 'drop' },
        { events: 2, how: 'hold' },
      ],
    })
    const stream = streamChat(request, optionsFor(server))
    const events: ChatStreamEvent[] = []
    for await (const event of stream) {
      events.push(event)
      if (text(events) === PIECES.slice(0, 3).join('')) stream.abort()
    }
    expect((await stream.result()).status).toBe('aborted')
    await vi.waitFor(() => expect(server.requests).toHaveLength(3))
    expect(methods(server)).toEqual([
      'POST /api/chat',
      'GET /api/chat/streams/gen-1',
      'POST /api/chat/streams/gen-1/stop',
    ])
  })
})

describe('resumeChat', () => {
  it('follows a reply by its stream id from after the last event the caller has', async () => {
    const server = await serve({
      payloads: PAYLOADS,
      cuts: [{ events: 1, bytes: 12, how: 'drop' }],
    })
    const stream = resumeChat('gen-1', {
      url: server.url,
      lastEventId: '2',
      resume: { minDelayMs: 1 },
    })
    expect((await stream.response).headers.get('x-stream-id')).toBe('gen-1')
    const events = await collect(stream)
    expect(text(events)).toBe(PIECES.slice(2).join(''))
    expect((await stream.result()).status).toBe('complete')
    // The first GET resumes after 2; the cut inside event 4 resumes after 3.
    expect(methods(server)).toEqual(['GET /api/chat/streams/gen-1', 'GET /api/chat/streams/gen-1'])
    expect(server.requests.map((seen) => seen.headers['last-event-id'])).toEqual(['2', '3'])
  })

  it('tells the id of the last event handed out, never ahead of the text, for an exact resume', async () => {
    const server = await serve({ payloads: PAYLOADS, cuts: [{ events: 3, bytes: 7, how: 'drop' }] })
    const stream = streamChat(request, optionsFor(server))
    expect(stream.lastEventId).toBe('')
    // Pieces 1…5 are events 1…5: the text of the events up to an id.
    const upTo = (id: string) => PIECES.slice(0, Number(id)).join('')
    let received = ''
    for await (const event of stream) {
      if (event.type === 'content') received += event.text
      expect(received.startsWith(upTo(stream.lastEventId))).toBe(true)
    }
    expect(stream.lastEventId).toBe('7')

    const rest = resumeChat('gen-1', { url: server.url, lastEventId: '3' })
    expect(rest.lastEventId).toBe('3')
    expect(upTo('3') + text(await collect(rest))).toBe(TEXT)
    expect(rest.lastEventId).toBe('7')
  })

  it('replays the reply from the start without a last event id', async () => {
    const server = await serve({ payloads: PAYLOADS })
    expect((await resumeChat('gen-1', { url: server.url }).result()).message.content).toBe(TEXT)
    expect(server.requests[0]?.headers['last-event-id']).toBeUndefined()
  })

  it('fails with http_error stream_not_found for an unknown stream, sending nothing else', async () => {
    const server = await serve({ payloads: PAYLOADS })
    const stream = resumeChat('gen-2', { url: `${server.url}?v=1` })
    const { error } = await drain(stream)
    expect(error).toMatchObject({
      code: 'http_error',
      status: 404,
      upstreamCode: 'stream_not_found',
    })
    expect(methods(server)).toEqual(['GET /api/chat/streams/gen-2'])
  })

  it('stops the generation by its id, even before the server answered', async () => {
    const server = await serve({ payloads: PAYLOADS, cuts: [{ events: 0, how: 'hold' }] })
    const stream = resumeChat('gen-1', { url: server.url })
    stream.abort()
    expect((await stream.result()).status).toBe('aborted')
    await vi.waitFor(() => expect(methods(server)).toContain('POST /api/chat/streams/gen-1/stop'))
  })
})
