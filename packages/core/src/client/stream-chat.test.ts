import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatChunkDelta, ChatRequest, ChatStreamEvent, FinishReason } from '../chat/types.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { streamChat } from './stream-chat.js'
import type { ChatStream } from './chat-stream.js'

interface Received {
  method: string | undefined
  headers: IncomingHttpHeaders
  body: string
}

interface Route {
  url: string
  requests: Received[]
  /** Resolves when the first response closes: `true` if the client left before the server ended it. */
  closedEarly: Promise<boolean>
}

type Handler = (res: ServerResponse, received: Received, count: number) => void | Promise<void>

let server: Server
let origin: string
const handlers = new Map<string, Handler & { route: Route; closed: (early: boolean) => void }>()
let nextPath = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (data: string) => (body += data))
    req.on('end', () => {
      const handler = handlers.get(req.url ?? '')
      if (handler === undefined) {
        res.writeHead(404).end()
        return
      }
      const received = { method: req.method, headers: req.headers, body }
      handler.route.requests.push(received)
      res.on('close', () => handler.closed(!res.writableEnded))
      void handler(res, received, handler.route.requests.length)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function route(handler: Handler): Route {
  const path = `/chat/${++nextPath}`
  let closed: (early: boolean) => void = () => {}
  const closedEarly = new Promise<boolean>((resolve) => (closed = resolve))
  const entry: Route = { url: `${origin}${path}`, requests: [], closedEarly }
  handlers.set(path, Object.assign(handler, { route: entry, closed }))
  return entry
}

const request: ChatRequest = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] }

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

function openStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'x-request-id': 'req-42',
  })
  res.flushHeaders()
}

async function writeSlowly(
  res: ServerResponse,
  parts: Array<string | Uint8Array>,
  ms = 5,
): Promise<void> {
  for (const part of parts) {
    if (res.destroyed) return
    res.write(part)
    await sleep(ms)
  }
}

function text(events: ChatStreamEvent[]): string {
  return events.map((event) => (event.type === 'content' ? event.text : '')).join('')
}

async function collect(stream: ChatStream): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}

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
    const upstream = route(async (res) => {
      openStream(res)
      await writeSlowly(res, [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hello' }),
        chunk({ content: ', ' }),
        chunk({ content: 'world.' }),
        chunk({}, 'stop'),
        DONE,
      ])
      res.end()
    })
    const stream = streamChat(request, { url: upstream.url })
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
    const upstream = route(async (res) => {
      openStream(res)
      const cut = bytes.indexOf(0xe4) + 1 // inside the first three-byte character
      await writeSlowly(
        res,
        [bytes.slice(0, cut), bytes.slice(cut, cut + 4), bytes.slice(cut + 4)],
        15,
      )
      res.end()
    })
    const result = await streamChat(request, { url: upstream.url }).result()
    expect(result.message.content).toBe('你好，世界')
  })

  it('resolves response with the headers of the accepted answer', async () => {
    const upstream = route((res) => {
      openStream(res)
      res.end(chunk({ content: 'x' }, 'stop') + DONE)
    })
    const stream = streamChat(request, { url: upstream.url })
    expect((await stream.response).headers.get('x-request-id')).toBe('req-42')
    await stream.result()
  })

  it('sends the request body and headers as given, with stream: true', async () => {
    const upstream = route((res) => {
      openStream(res)
      res.end(chunk({ content: 'ok' }, 'stop') + DONE)
    })
    await streamChat(
      { ...request, stream: false },
      {
        url: upstream.url,
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
    expect(JSON.parse(received?.body ?? '')).toEqual({
      ...request,
      temperature: 0.2,
      stream_options: { include_usage: true },
      stream: true,
    })
  })

  it('keeps the events before an in-band error and then throws it', async () => {
    const upstream = route(async (res) => {
      openStream(res)
      await writeSlowly(res, [
        chunk({ content: 'Partial ' }),
        chunk({ content: 'answer' }),
        `data: ${JSON.stringify({ error: { message: 'Upstream overloaded', type: 'server_error', status: 503 } })}\n\n`,
      ])
      res.end()
    })
    const stream = streamChat(request, { url: upstream.url })
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
    const upstream = route(async (res) => {
      openStream(res)
      await writeSlowly(res, [chunk({ content: 'Cut' })])
      res.end()
    })
    const stream = streamChat(request, { url: upstream.url })
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
    const upstream = route(async (res) => {
      openStream(res)
      await writeSlowly(res, [chunk({ content: 'Cut' })])
      res.destroy()
    })
    const error = await failure(streamChat(request, { url: upstream.url }).result())
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
  const openAIError = (
    message: string,
    type: string,
    code: string | null,
    param: string | null = null,
  ) => JSON.stringify({ error: { message, type, code, param } })

  it.each([
    [
      400,
      openAIError('Unknown model', 'invalid_request_error', 'model_not_found', 'model'),
      {
        type: 'invalid_request_error',
        upstreamCode: 'model_not_found',
        param: 'model',
        message: 'Unknown model',
      },
    ],
    [
      401,
      openAIError('Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'),
      {
        upstreamCode: 'invalid_api_key',
        message: 'Incorrect API key provided',
      },
    ],
    [500, openAIError('The server had an error', 'server_error', null), { type: 'server_error' }],
  ])('maps HTTP %i with an OpenAI error body', async (status, body, expected) => {
    const upstream = route((res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(body)
    })
    const error = await failure(streamChat(request, { url: upstream.url }).result())
    expect(error).toMatchObject({ code: 'http_error', status, ...expected })
  })

  it('keeps Retry-After in seconds on a 429', async () => {
    const upstream = route((res) => {
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' })
        .end(openAIError('Rate limit reached', 'rate_limit_error', 'rate_limit_exceeded'))
    })
    const error = await failure(streamChat(request, { url: upstream.url }).result())
    expect(error).toMatchObject({
      code: 'http_error',
      status: 429,
      retryAfter: 7,
      type: 'rate_limit_error',
    })
  })

  it('reads Retry-After as an HTTP date on a 429', async () => {
    const upstream = route((res) => {
      const date = new Date(Date.now() + 120_000).toUTCString()
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': date }).end('Slow down')
    })
    const error = await failure(streamChat(request, { url: upstream.url }).result())
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBeGreaterThan(60)
    expect(error.retryAfter).toBeLessThanOrEqual(121)
    expect(error.message).toContain('Slow down')
  })

  it.each([502, 500])(
    'names the status and quotes an HTML error page on HTTP %i',
    async (status) => {
      const upstream = route((res) => {
        res
          .writeHead(status, { 'content-type': 'text/html' })
          .end(
            `<html><head><title>${status} Bad Gateway</title></head><body><h1>nginx</h1></body></html>`,
          )
      })
      const error = await failure(streamChat(request, { url: upstream.url }).result())
      expect(error).toMatchObject({ code: 'http_error', status })
      expect(error.message).toContain(`HTTP ${status}`)
      expect(error.message).toContain(`${status} Bad Gateway`)
      expect(error.message).not.toContain('<')
    },
  )

  it('rejects a 200 HTML page as invalid_content_type', async () => {
    const upstream = route((res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>Sign in</title></html>')
    })
    const error = await failure(streamChat(request, { url: upstream.url }).result())
    expect(error).toMatchObject({ code: 'invalid_content_type', status: 200 })
    expect(error.message).toContain('proxy')
    expect(error.message).toContain('Sign in')
  })

  it('sends exactly one request when the server fails', async () => {
    const upstream = route((res) => {
      res.writeHead(503, { 'retry-after': '1' }).end('busy')
    })
    await failure(streamChat(request, { url: upstream.url }).result())
    await sleep(50)
    expect(upstream.requests).toHaveLength(1)
  })
})

describe('streamChat stopping', () => {
  /** A server that streams two pieces, then holds the connection open without ending it. */
  function holdingRoute(): Route {
    return route(async (res) => {
      openStream(res)
      await writeSlowly(res, [chunk({ content: 'One ' }), chunk({ content: 'two ' })])
    })
  }

  it('ends cleanly on abort(), keeps the partial reply and disconnects from the server', async () => {
    const upstream = holdingRoute()
    const stream = streamChat(request, { url: upstream.url })
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
    expect(await upstream.closedEarly).toBe(true)
  })

  it('ends cleanly when the caller signal aborts', async () => {
    const upstream = holdingRoute()
    const controller = new AbortController()
    const stream = streamChat(request, { url: upstream.url, signal: controller.signal })
    const events: ChatStreamEvent[] = []
    for await (const event of stream) {
      events.push(event)
      if (event.type === 'content') controller.abort()
    }
    expect(text(events)).toBe('One ')
    expect((await stream.result()).status).toBe('aborted')
    expect(await upstream.closedEarly).toBe(true)
  })

  it('disconnects when the consumer leaves the loop early', async () => {
    const upstream = holdingRoute()
    const stream = streamChat(request, { url: upstream.url })
    for await (const event of stream) if (event.type === 'content') break
    expect(await upstream.closedEarly).toBe(true)
    expect(stream.aborted).toBe(true)
  })

  it('sends nothing when the signal is already aborted', async () => {
    const upstream = holdingRoute()
    const stream = streamChat(request, { url: upstream.url, signal: AbortSignal.abort() })
    expect((await stream.result()).status).toBe('aborted')
    await sleep(50)
    expect(upstream.requests).toHaveLength(0)
  })
})

describe('streamChat timeouts', () => {
  it('fails with first_byte_timeout when the server never answers, and disconnects', async () => {
    const upstream = route(() => {})
    const error = await failure(
      streamChat(request, { url: upstream.url, firstByteTimeoutMs: 100 }).result(),
    )
    expect(error.code).toBe('first_byte_timeout')
    expect(await upstream.closedEarly).toBe(true)
  })

  it('fails with idle_timeout when the server stops writing, keeping what arrived', async () => {
    const upstream = route((res) => {
      openStream(res)
      res.write(chunk({ content: 'Before the stall' }))
    })
    const stream = streamChat(request, { url: upstream.url, idleTimeoutMs: 150 })
    const events: ChatStreamEvent[] = []
    const error = await failure(
      (async () => {
        for await (const event of stream) events.push(event)
      })(),
    )
    expect(error.code).toBe('idle_timeout')
    expect(text(events)).toBe('Before the stall')
    expect(await upstream.closedEarly).toBe(true)
  })

  it('does not time out while the consumer is busy and the data is already there', async () => {
    const upstream = route((res) => {
      openStream(res)
      res.end(chunk({ content: 'a' }) + chunk({ content: 'b' }) + chunk({}, 'stop') + DONE)
    })
    const stream = streamChat(request, { url: upstream.url, idleTimeoutMs: 50 })
    let seen = ''
    for await (const event of stream) {
      if (event.type === 'content') seen += event.text
      await sleep(150)
    }
    expect(seen).toBe('ab')
    expect((await stream.result()).status).toBe('complete')
  })

  it('counts SSE heartbeats as activity', async () => {
    const upstream = route(async (res) => {
      openStream(res)
      res.write(chunk({ role: 'assistant', content: '' }))
      await writeSlowly(
        res,
        Array.from({ length: 15 }, () => ': ping\n\n'),
        30,
      )
      res.end(chunk({ content: 'Thought long.' }, 'stop') + DONE)
    })
    const result = await streamChat(request, { url: upstream.url, idleTimeoutMs: 250 }).result()
    expect(result).toMatchObject({ status: 'complete', message: { content: 'Thought long.' } })
  })
})

describe('streamChat client-side continuation', () => {
  it('continues a reply cut by length with a second request and streams it as one', async () => {
    const upstream = route(async (res, _received, count) => {
      openStream(res)
      if (count === 1) {
        await writeSlowly(res, [chunk({ content: 'The answer is' }), chunk({}, 'length'), DONE])
      } else {
        await writeSlowly(res, [chunk({ content: 'answer is 42.' }), chunk({}, 'stop'), DONE])
      }
      res.end()
    })
    const stream = streamChat(request, { url: upstream.url, continueOnLength: true })
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
    const second = JSON.parse(upstream.requests[1]?.body ?? '') as ChatRequest
    expect(second.messages.slice(0, 2)).toEqual([
      ...request.messages,
      { role: 'assistant', content: 'The answer is' },
    ])
    expect(second.messages[2]?.role).toBe('user')
  })

  it('does not continue by default', async () => {
    const upstream = route((res) => {
      openStream(res)
      res.end(chunk({ content: 'Cut' }) + chunk({}, 'length') + DONE)
    })
    const result = await streamChat(request, { url: upstream.url }).result()
    expect(result.finishReason).toBe('length')
    expect(upstream.requests).toHaveLength(1)
  })
})
