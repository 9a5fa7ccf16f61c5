import { describe, expect, it } from 'vitest'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { asyncBody, bytesOf } from '../sse/__fixtures__/splits.js'
import { fixture } from './__fixtures__/load.js'
import { parseChatChunks } from './parse-chat-chunks.js'
import type { ChatCompletionChunk } from './types.js'

async function collect(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = []
  for await (const chunk of parseChatChunks(body, { signal })) chunks.push(chunk)
  return chunks
}

async function failure(promise: Promise<unknown>): Promise<ChatStreamError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!ChatStreamError.isInstance(error))
    throw new Error(`expected a ChatStreamError, got ${String(error)}`)
  return error
}

function sse(...payloads: string[]): Uint8Array {
  return bytesOf(payloads.map((payload) => `data: ${payload}\n\n`).join(''))
}

const chunk = (content: string, finish: string | null = null, index = 0): string =>
  JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index, delta: { content }, finish_reason: finish }],
  })

/** A body that records how it was let go, and can hold its last read open forever. */
function observedStream(pieces: Uint8Array[], hang = false) {
  const seen = { cancelled: false, reason: undefined as unknown, pulls: 0 }
  let next = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulls++
      const piece = pieces[next++]
      if (piece !== undefined) controller.enqueue(piece)
      else if (hang) return new Promise<void>(() => {})
      else controller.close()
    },
    cancel(reason) {
      seen.cancelled = true
      seen.reason = reason
    },
  })
  return { stream, seen }
}

describe('parseChatChunks', () => {
  it('yields the chunks of a stream up to [DONE]', async () => {
    const chunks = await collect(asyncBody([bytesOf(fixture('plain-reply'))]))
    expect(chunks).toHaveLength(11)
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null })
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop')
  })

  it('stops at [DONE] and cancels the rest of the body', async () => {
    const { stream, seen } = observedStream(
      [sse(chunk('a', 'stop'), '[DONE]', chunk('after'))],
      true,
    )
    expect(await collect(stream)).toHaveLength(1)
    expect(seen.cancelled).toBe(true)
    expect(stream.locked).toBe(false)
  })

  it('ends normally without [DONE] when every choice has finished', async () => {
    const body = sse(
      chunk('a', null, 0),
      chunk('b', null, 1),
      chunk('', 'stop', 0),
      chunk('', 'length', 1),
    )
    const { stream, seen } = observedStream([body])
    expect(await collect(stream)).toHaveLength(4)
    expect(seen.cancelled).toBe(false)
    expect(stream.locked).toBe(false)
  })

  it('throws incomplete_stream when the body ends with no finish_reason and no [DONE]', async () => {
    const error = await failure(collect(asyncBody([bytesOf(fixture('truncated'))])))
    expect(error.code).toBe('incomplete_stream')
  })

  it('throws incomplete_stream when one of several choices never finished', async () => {
    const body = sse(chunk('a', null, 0), chunk('b', null, 1), chunk('', 'stop', 0))
    expect((await failure(collect(asyncBody([body])))).code).toBe('incomplete_stream')
  })

  it('throws incomplete_stream for an empty body', async () => {
    expect((await failure(collect(asyncBody([])))).code).toBe('incomplete_stream')
  })

  it('needs a new finish after a continuation round starts', async () => {
    const round1 = JSON.stringify({ ...JSON.parse(chunk('more')), continuation: { round: 1 } })
    const body = sse(chunk('a', 'length'), round1)
    expect((await failure(collect(asyncBody([body])))).code).toBe('incomplete_stream')
  })

  it('delivers the chunks before an in-band error, then throws upstream_error with its fields', async () => {
    const chunks: ChatCompletionChunk[] = []
    const error = await failure(
      (async () => {
        for await (const chunk of parseChatChunks(asyncBody([bytesOf(fixture('in-band-error'))]))) {
          chunks.push(chunk)
        }
      })(),
    )
    expect(chunks).toHaveLength(4)
    expect(error).toMatchObject({
      code: 'upstream_error',
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      upstreamCode: undefined,
      param: undefined,
      status: undefined,
    })
  })

  it('keeps the upstream code, param and status of an error payload', async () => {
    const payload = JSON.stringify({
      error: {
        message: 'Rate limit reached',
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        param: 'model',
        status: 429,
      },
    })
    expect(await failure(collect(asyncBody([sse(payload)])))).toMatchObject({
      code: 'upstream_error',
      message: 'Rate limit reached',
      type: 'rate_limit_error',
      upstreamCode: 'rate_limit_exceeded',
      param: 'model',
      status: 429,
    })
  })

  it('accepts a numeric upstream code', async () => {
    const payload = JSON.stringify({ error: { message: 'Overloaded', code: 529 } })
    expect((await failure(collect(asyncBody([sse(payload)])))).upstreamCode).toBe('529')
  })

  it('accepts an error given as a bare string', async () => {
    const error = await failure(collect(asyncBody([sse('{"error":"model overloaded"}')])))
    expect(error).toMatchObject({ code: 'upstream_error', message: 'model overloaded' })
  })

  it('fails on an error payload sent as `event: error`', async () => {
    const body = bytesOf(
      `event: error\ndata: {"error":{"message":"boom","type":"server_error"}}\n\n`,
    )
    expect(await failure(collect(asyncBody([body])))).toMatchObject({
      code: 'upstream_error',
      message: 'boom',
      type: 'server_error',
    })
  })

  it('ignores events with another name, and an `event: error` that is not an error payload', async () => {
    const body = bytesOf(
      `event: ping\ndata: {"not":"a chunk"}\n\nevent: error\ndata: oops\n\n` +
        `data: ${chunk('a', 'stop')}\n\ndata: [DONE]\n\n`,
    )
    expect(await collect(asyncBody([body]))).toHaveLength(1)
  })

  it('treats "error": null in a normal chunk as no error', async () => {
    const withNull = JSON.stringify({ ...JSON.parse(chunk('a', 'stop')), error: null })
    expect(await collect(asyncBody([sse(withNull, '[DONE]')]))).toHaveLength(1)
  })

  it('throws invalid_chunk for data that is not JSON, and cancels the body', async () => {
    const { stream, seen } = observedStream([sse(chunk('a'), '{"choices": [')], true)
    const error = await failure(collect(stream))
    expect(error.code).toBe('invalid_chunk')
    expect(error.cause).toBeInstanceOf(SyntaxError)
    expect(seen.cancelled).toBe(true)
  })

  it.each(['[1,2]', '"text"', '{"id":"x"}', '{"choices":{}}', 'null'])(
    'throws invalid_chunk for JSON that is not a chunk: %s',
    async (payload) => {
      expect((await failure(collect(asyncBody([sse(payload)])))).code).toBe('invalid_chunk')
    },
  )

  it('cancels a ReadableStream body and releases its lock when the consumer breaks early', async () => {
    const { stream, seen } = observedStream(
      [sse(chunk('a')), sse(chunk('b')), sse(chunk('c'))],
      true,
    )
    for await (const _ of parseChatChunks(stream)) break
    expect(seen.cancelled).toBe(true)
    expect(stream.locked).toBe(false)
  })

  it('returns an async-iterable body when the consumer breaks early', async () => {
    let finished = false
    async function* body() {
      try {
        yield sse(chunk('a'))
        yield sse(chunk('b'))
      } finally {
        finished = true
      }
    }
    for await (const _ of parseChatChunks(body())) break
    expect(finished).toBe(true)
  })

  it('stops a read that never settles when the signal aborts, and cancels the body', async () => {
    const { stream, seen } = observedStream([sse(chunk('a'))], true)
    const controller = new AbortController()
    const chunks: ChatCompletionChunk[] = []
    const error = await failure(
      (async () => {
        for await (const chunk of parseChatChunks(stream, { signal: controller.signal })) {
          chunks.push(chunk)
          setTimeout(() => controller.abort(new Error('user pressed stop')), 5)
        }
      })(),
    )
    expect(chunks).toHaveLength(1)
    expect(error.code).toBe('aborted')
    expect((error.cause as Error).message).toBe('user pressed stop')
    expect(seen.cancelled).toBe(true)
    expect(stream.locked).toBe(false)
  })

  it('aborts an async-iterable body whose next read never settles', async () => {
    const controller = new AbortController()
    async function* body() {
      yield sse(chunk('a'))
      await new Promise(() => {})
    }
    const done = collect(body(), controller.signal)
    setTimeout(() => controller.abort(), 5)
    expect((await failure(done)).code).toBe('aborted')
  })

  it('throws aborted without reading when the signal has already fired', async () => {
    const { stream, seen } = observedStream([sse(chunk('a', 'stop'))])
    const error = await failure(collect(stream, AbortSignal.abort()))
    expect(error.code).toBe('aborted')
    expect(stream.locked).toBe(false)
    expect(seen.pulls).toBeLessThanOrEqual(1)
  })

  it('reports an abort, not a network error, when the body fails because of the same signal', async () => {
    const controller = new AbortController()
    const stream = new ReadableStream<Uint8Array>({
      start(streamController) {
        streamController.enqueue(sse(chunk('a')))
        controller.signal.addEventListener('abort', () =>
          streamController.error(new DOMException('aborted', 'AbortError')),
        )
      },
    })
    const done = collect(stream, controller.signal)
    setTimeout(() => controller.abort(), 5)
    expect((await failure(done)).code).toBe('aborted')
  })

  it('wraps a failing body in network_error', async () => {
    const cause = new TypeError('terminated')
    async function* body() {
      yield sse(chunk('a'))
      throw cause
    }
    const error = await failure(collect(body()))
    expect(error.code).toBe('network_error')
    expect(error.cause).toBe(cause)
  })
})
