import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI, MockPlan, MockRequest } from '@typewriter-chat/mock-openai'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatChunkDelta, ChatRequest, ChatStreamEvent, FinishReason } from '../chat/types.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { streamChat } from './stream-chat.js'
import type { StreamChatOptions } from './stream-chat.js'
import { collect, text } from './__fixtures__/read-stream.js'

/** A scripted @typewriter-chat/mock-openai for one test: its replies in order, and its record. */
interface Upstream {
  /** The options that point streamChat at it (its chat URL and a bearer token it accepts). */
  options: StreamChatOptions
  /** The requests it received, oldest first (Node's fetch sends no preflights: all are chats). */
  readonly requests: readonly MockRequest[]
  /** Resolves once the first response is over: `true` if the client left before its end. */
  closedEarly(): Promise<boolean>
}

const running: MockOpenAI[] = []
afterEach(() => Promise.all(running.splice(0).map((mock) => mock.close())))

/** Starts a mock that answers its chat requests with `plans`, one each, in order. */
async function mockUpstream(...plans: MockPlan[]): Promise<Upstream> {
  const mock = await startMockOpenAI()
  running.push(mock)
  for (const plan of plans) mock.scriptOnce(plan)
  return {
    options: {
      url: `${mock.url}/chat/completions`,
      headers: { authorization: `Bearer ${mock.apiKey}` },
    },
    requests: mock.requests,
    async closedEarly() {
      const first = await mock.nextRequest(0)
      await first.closed
      return first.abortedByClient
    },
  }
}

/** A gate that never opens from chunk `n` (or the ending) on: the connection stays open, silent. */
const holdFrom =
  (n: number) =>
  (index: number): Promise<void> | undefined =>
    index >= n ? new Promise<void>(() => {}) : undefined

const request: ChatRequest = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] }

/** One chunk on the wire, for the raw bodies the mock cannot compose (split bytes, SSE comments). */
function chunk(delta: ChatChunkDelta, finish: FinishReason | null = null): string {
  const payload = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'test-model',
    choices: [{ index: 0, delta, finish_reason: finish }],
  }
  return `data: ${JSON.stringify(payload)}\n\n`
}

const DONE = 'data: [DONE]\n\n'
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function failure(promise: Promise<unknown>): Promise<ChatStreamError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!ChatStreamError.isInstance(error))
    throw new Error(`expected a ChatStreamError, got ${String(error)}`)
  return error
}

describe('streamChat over HTTP', () => {
  it('streams a reply delivered in small writes with delays', async () => {
    const upstream = await mockUpstream({
      id: 'chatcmpl-1',
      chunks: ['Hello', ', ', 'world.'],
      delayMs: 5,
    })
    const stream = streamChat(request, upstream.options)
    const events = await collect(stream)
    expect(text(events)).toBe('Hello, world.')
    expect(events.at(-1)).toEqual({ type: 'finish', choice: 0, reason: 'stop' })
    const result = await stream.result()
    expect(result).toMatchObject({
      status: 'complete',
      message: { role: 'assistant', content: 'Hello, world.' },
      finishReason: 'stop',
      meta: { id: 'chatcmpl-1', model: 'test-model' },
    })
    expect(stream.aborted).toBe(false)
  })

  it('decodes Chinese characters split across writes', async () => {
    const bytes = new TextEncoder().encode(
      chunk({ content: '你好，世界' }) + chunk({}, 'stop') + DONE,
    )
    const cut = bytes.indexOf(0xe4) + 1 // inside the first three-byte character
    const upstream = await mockUpstream({
      raw: [bytes.slice(0, cut), bytes.slice(cut, cut + 4), bytes.slice(cut + 4)],
      delayMs: 15,
    })
    const result = await streamChat(request, upstream.options).result()
    expect(result.message.content).toBe('你好，世界')
  })

  it('resolves response with the headers of the accepted answer', async () => {
    const upstream = await mockUpstream({ chunks: ['x'], headers: { 'x-request-id': 'req-42' } })
    const stream = streamChat(request, upstream.options)
    expect((await stream.response).headers.get('x-request-id')).toBe('req-42')
    await stream.result()
  })

  it('sends the request body and headers as given, with stream: true', async () => {
    const upstream = await mockUpstream({ chunks: ['ok'] })
    await streamChat(
      { ...request, stream: false },
      {
        url: upstream.options.url,
        headers: { authorization: 'Bearer secret', 'x-client': 'tests' },
        body: { temperature: 0.2, stream_options: { include_usage: true } },
      },
    ).result()
    const [received] = upstream.requests
    expect(received?.method).toBe('POST')
    expect(received?.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: 'Bearer secret',
      'x-client': 'tests',
    })
    expect(received?.body).toEqual({
      ...request,
      temperature: 0.2,
      stream_options: { include_usage: true },
      stream: true,
    })
  })

  it('keeps the events before an in-band error and then throws it', async () => {
    const upstream = await mockUpstream({
      chunks: ['Partial ', 'answer'],
      delayMs: 5,
      errorAfter: {
        chunks: 2,
        error: { message: 'Upstream overloaded', type: 'server_error', status: 503 },
      },
    })
    const stream = streamChat(request, upstream.options)
    const events: ChatStreamEvent[] = []
    const error = await failure(
      (async () => {
        for await (const event of stream) events.push(event)
      })(),
    )
    expect(text(events)).toBe('Partial answer')
    expect(error).toMatchObject({
      code: 'upstream_error',
      status: 503,
      message: 'Upstream overloaded',
    })
    await expect(stream.result()).rejects.toBe(error)
  })

  it('throws incomplete_stream when the stream ends without a finish, keeping what arrived', async () => {
    const upstream = await mockUpstream({ chunks: ['Cut'], delayMs: 5, endAfter: 1 })
    const stream = streamChat(request, upstream.options)
    const events: ChatStreamEvent[] = []
    const error = await failure(
      (async () => {
        for await (const event of stream) events.push(event)
      })(),
    )
    expect(error.code).toBe('incomplete_stream')
    expect(text(events)).toBe('Cut')
    expect(upstream.requests).toHaveLength(1)
  })

  it('throws network_error when the connection drops mid-reply, without re-sending', async () => {
    const upstream = await mockUpstream({ chunks: ['Cut'], delayMs: 5, dropAfter: 1 })
    const error = await failure(streamChat(request, upstream.options).result())
    expect(error.code).toBe('network_error')
    await sleep(50)
    expect(upstream.requests).toHaveLength(1)
  })

  it('throws network_error when the server cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await failure(streamChat(request, { url: `http://127.0.0.1:${port}/` }).result())
    expect(error.code).toBe('network_error')
    expect(error.cause).toBeDefined()
  })
})

describe('streamChat HTTP errors', () => {
  it.each([
    [
      400,
      {
        message: 'Unknown model',
        type: 'invalid_request_error',
        code: 'model_not_found',
        param: 'model',
      },
      {
        type: 'invalid_request_error',
        upstreamCode: 'model_not_found',
        param: 'model',
        message: 'Unknown model',
      },
    ],
    [
      401,
      {
        message: 'Incorrect API key provided',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
      {
        upstreamCode: 'invalid_api_key',
        message: 'Incorrect API key provided',
      },
    ],
    [
      500,
      { message: 'The server had an error', type: 'server_error', code: null },
      { type: 'server_error' },
    ],
  ])('maps HTTP %i with an OpenAI error body', async (status, error, expected) => {
    const upstream = await mockUpstream({ status, error })
    const caught = await failure(streamChat(request, upstream.options).result())
    expect(caught).toMatchObject({ code: 'http_error', status, ...expected })
  })

  it("reports the model service's status when a relay gives it in the body", async () => {
    const error500 = { message: 'The upstream failed (500).', type: 'upstream_error', status: 500 }
    const upstream = await mockUpstream({
      status: 502,
      contentType: 'application/json',
      raw: [JSON.stringify({ error: error500 })],
    })
    const error = await failure(streamChat(request, upstream.options).result())
    expect(error).toMatchObject({ code: 'http_error', status: 500, type: 'upstream_error' })
  })

  it('keeps Retry-After in seconds on a 429', async () => {
    const upstream = await mockUpstream({
      status: 429,
      headers: { 'retry-after': '7' },
      error: {
        message: 'Rate limit reached',
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
      },
    })
    const error = await failure(streamChat(request, upstream.options).result())
    expect(error).toMatchObject({
      code: 'http_error',
      status: 429,
      retryAfter: 7,
      type: 'rate_limit_error',
    })
  })

  it('reads Retry-After as an HTTP date on a 429', async () => {
    const date = new Date(Date.now() + 120_000).toUTCString()
    const upstream = await mockUpstream({
      status: 429,
      raw: ['Slow down'],
      contentType: 'text/plain',
      headers: { 'retry-after': date },
    })
    const error = await failure(streamChat(request, upstream.options).result())
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBeGreaterThan(60)
    expect(error.retryAfter).toBeLessThanOrEqual(121)
    expect(error.message).toContain('Slow down')
  })

  it.each([502, 500])(
    'names the status and quotes an HTML error page on HTTP %i',
    async (status) => {
      const upstream = await mockUpstream({
        status,
        raw: [
          `<html><head><title>${status} Bad Gateway</title></head><body><h1>nginx</h1></body></html>`,
        ],
        contentType: 'text/html',
      })
      const error = await failure(streamChat(request, upstream.options).result())
      expect(error).toMatchObject({ code: 'http_error', status })
      expect(error.message).toContain(`HTTP ${status}`)
      expect(error.message).toContain(`${status} Bad Gateway`)
      expect(error.message).not.toContain('<')
    },
  )

  it('rejects a 200 HTML page as invalid_content_type', async () => {
    const upstream = await mockUpstream({
      raw: ['<html><title>Sign in</title></html>'],
      contentType: 'text/html',
    })
    const error = await failure(streamChat(request, upstream.options).result())
    expect(error).toMatchObject({ code: 'invalid_content_type', status: 200 })
    expect(error.message).toContain('proxy')
    expect(error.message).toContain('Sign in')
  })

  it('sends exactly one request when the server fails', async () => {
    const upstream = await mockUpstream({
      status: 503,
      raw: ['busy'],
      contentType: 'text/plain',
      headers: { 'retry-after': '1' },
    })
    await failure(streamChat(request, upstream.options).result())
    await sleep(50)
    expect(upstream.requests).toHaveLength(1)
  })
})

describe('streamChat stopping', () => {
  /** A reply of two pieces, then the connection held open without an end. */
  const holding = (): Promise<Upstream> =>
    mockUpstream({ chunks: ['One ', 'two '], delayMs: 5, beforeChunk: holdFrom(2) })

  it('ends cleanly on abort(), keeps the partial reply and disconnects from the server', async () => {
    const upstream = await holding()
    const stream = streamChat(request, upstream.options)
    const events: ChatStreamEvent[] = []
    for await (const event of stream) {
      events.push(event)
      if (text(events) === 'One two ') stream.abort()
    }
    expect(stream.aborted).toBe(true)
    const result = await stream.result()
    expect(result).toMatchObject({
      status: 'aborted',
      message: { content: 'One two ' },
      finishReason: null,
    })
    expect(await upstream.closedEarly()).toBe(true)
  })

  it('tells a server that named its generation to stop it, with the same credentials', async () => {
    const upstream = await mockUpstream({
      chunks: ['One ', 'two '],
      beforeChunk: holdFrom(2),
      headers: { 'x-stream-id': 'gen 1' },
    })
    const stream = streamChat(request, upstream.options)
    for await (const event of stream) if (event.type === 'content') stream.abort()
    await vi.waitFor(() => expect(upstream.requests).toHaveLength(2))
    const stop = upstream.requests[1]
    expect(stop?.method).toBe('POST')
    expect(stop?.path).toBe('/v1/chat/completions/streams/gen%201/stop')
    expect(stop?.headers.authorization).toBe(
      new Headers(upstream.options.headers).get('authorization'),
    )
    expect(await upstream.closedEarly()).toBe(true)
  })

  it('stops a named generation when the consumer leaves the loop early too', async () => {
    const upstream = await mockUpstream({
      chunks: ['One ', 'two '],
      beforeChunk: holdFrom(2),
      headers: { 'x-stream-id': 'gen-2' },
    })
    for await (const event of streamChat(request, upstream.options))
      if (event.type === 'content') break
    await vi.waitFor(() => expect(upstream.requests).toHaveLength(2))
    expect(upstream.requests[1]?.path).toBe('/v1/chat/completions/streams/gen-2/stop')
  })

  it('sends no stop request to a server that named no generation, nor after a complete reply', async () => {
    const unnamed = await holding()
    const stream = streamChat(request, unnamed.options)
    for await (const event of stream) if (event.type === 'content') stream.abort()
    expect(await unnamed.closedEarly()).toBe(true)
    const named = await mockUpstream({ chunks: ['Done.'], headers: { 'x-stream-id': 'gen-3' } })
    await streamChat(request, named.options).result()
    // Nothing else is on its way: the stop would be sent in the same tick as the abort.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(unnamed.requests).toHaveLength(1)
    expect(named.requests).toHaveLength(1)
  })

  it('ends cleanly when the caller signal aborts', async () => {
    const upstream = await holding()
    const controller = new AbortController()
    const stream = streamChat(request, { ...upstream.options, signal: controller.signal })
    const events: ChatStreamEvent[] = []
    for await (const event of stream) {
      events.push(event)
      if (event.type === 'content') controller.abort()
    }
    expect(text(events)).toBe('One ')
    expect((await stream.result()).status).toBe('aborted')
    expect(await upstream.closedEarly()).toBe(true)
  })

  it('disconnects when the consumer leaves the loop early', async () => {
    const upstream = await holding()
    const stream = streamChat(request, upstream.options)
    for await (const event of stream) if (event.type === 'content') break
    expect(await upstream.closedEarly()).toBe(true)
    expect(stream.aborted).toBe(true)
  })

  it('sends nothing when the signal is already aborted', async () => {
    const upstream = await holding()
    const stream = streamChat(request, { ...upstream.options, signal: AbortSignal.abort() })
    expect((await stream.result()).status).toBe('aborted')
    await sleep(50)
    expect(upstream.requests).toHaveLength(0)
  })
})

describe('streamChat timeouts', () => {
  it('fails with first_byte_timeout when the server never answers, and disconnects', async () => {
    const upstream = await mockUpstream({ hang: true })
    const error = await failure(
      streamChat(request, { ...upstream.options, firstByteTimeoutMs: 100 }).result(),
    )
    expect(error.code).toBe('first_byte_timeout')
    expect(await upstream.closedEarly()).toBe(true)
  })

  it('fails with idle_timeout when the server stops writing, keeping what arrived', async () => {
    const upstream = await mockUpstream({
      chunks: ['Before the stall'],
      beforeChunk: holdFrom(1),
    })
    const stream = streamChat(request, { ...upstream.options, idleTimeoutMs: 150 })
    const events: ChatStreamEvent[] = []
    const error = await failure(
      (async () => {
        for await (const event of stream) events.push(event)
      })(),
    )
    expect(error.code).toBe('idle_timeout')
    expect(text(events)).toBe('Before the stall')
    expect(await upstream.closedEarly()).toBe(true)
  })

  it('does not time out while the consumer is busy and the data is already there', async () => {
    const upstream = await mockUpstream({ chunks: ['a', 'b'] })
    const stream = streamChat(request, { ...upstream.options, idleTimeoutMs: 50 })
    let seen = ''
    for await (const event of stream) {
      if (event.type === 'content') seen += event.text
      await sleep(150)
    }
    expect(seen).toBe('ab')
    expect((await stream.result()).status).toBe('complete')
  })

  it('counts SSE heartbeats as activity', async () => {
    const upstream = await mockUpstream({
      raw: [
        chunk({ role: 'assistant', content: '' }),
        ...Array.from({ length: 15 }, () => ': ping\n\n'),
        chunk({ content: 'Thought long.' }, 'stop') + DONE,
      ],
      delayMs: 30,
    })
    const result = await streamChat(request, { ...upstream.options, idleTimeoutMs: 250 }).result()
    expect(result).toMatchObject({ status: 'complete', message: { content: 'Thought long.' } })
  })
})

describe('streamChat client-side continuation', () => {
  it('continues a reply cut by length with a second request and streams it as one', async () => {
    const upstream = await mockUpstream(
      { chunks: ['The answer is'], finishReason: 'length', delayMs: 5 },
      { chunks: ['answer is 42.'], delayMs: 5 },
    )
    const stream = streamChat(request, { ...upstream.options, continueOnLength: true })
    const events = await collect(stream)
    expect(text(events)).toBe('The answer is 42.')
    expect(events.filter((event) => event.type === 'continuation')).toEqual([
      { type: 'continuation', round: 1 },
    ])
    expect(events.filter((event) => event.type === 'finish')).toEqual([
      { type: 'finish', choice: 0, reason: 'stop' },
    ])
    const result = await stream.result()
    expect(result).toMatchObject({
      status: 'complete',
      continuationRounds: 1,
      finishReason: 'stop',
    })
    expect(upstream.requests).toHaveLength(2)
    const second = upstream.requests[1]?.body as unknown as ChatRequest
    expect(second.messages.slice(0, 2)).toEqual([
      ...request.messages,
      { role: 'assistant', content: 'The answer is' },
    ])
    expect(second.messages[2]?.role).toBe('user')
  })

  it('does not continue by default', async () => {
    const upstream = await mockUpstream({ chunks: ['Cut'], finishReason: 'length' })
    const result = await streamChat(request, upstream.options).result()
    expect(result.finishReason).toBe('length')
    expect(upstream.requests).toHaveLength(1)
  })
})
