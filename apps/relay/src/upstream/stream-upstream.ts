import type { Readable } from 'node:stream'
import { StallWatchdog } from '@typewriter-chat/core'
import type { ChatCompletionChunk, ChatRequest, StallKind } from '@typewriter-chat/core'
import type OpenAI from 'openai'
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions'
import { UpstreamError } from '../http/relay-error.js'
import { ChunkReader } from './chunk-reader.js'
import type { ReaderSink } from './chunk-reader.js'
import type { ChunkFlow, ChunkSink } from './chunk-sink.js'
import { isJsonAnswer, jsonAnswerAsEvents } from './json-answer.js'
import { nodeBody } from './read-body.js'

/** Options of {@link streamUpstream}. */
export interface StreamUpstreamOptions {
  /** Aborting it cancels the upstream HTTP request at once (the connection is closed). */
  signal?: AbortSignal
  /** Longest wait, in ms, from sending the request to the first body bytes. */
  firstByteMs: number
  /** Longest silence, in ms, in the middle of the body. */
  idleMs: number
  /** Largest JSON answer (bytes) read whole when the upstream ignored `stream: true`. */
  maxJsonBytes: number
  /** Called when the upstream accepted the request (its response headers arrived). */
  onAccepted?: () => void
}

function timeoutError(kind: StallKind, ms: number): UpstreamError {
  const message =
    kind === 'first-byte'
      ? `The upstream sent nothing within ${ms} ms.`
      : `The upstream went silent for ${ms} ms in the middle of the reply.`
  return new UpstreamError('upstream_timeout', message, { status: 504, type: 'upstream_error' })
}

/**
 * One streamed reply: the request goes through the SDK (its `APIError`s for non-2xx answers, which
 * the relay maps, are thrown before any body is read), the body is read by a {@link ChunkReader}.
 * The core's {@link StallWatchdog} serves both timeouts, driven by the reader: it counts only while
 * the body flows, so a slow client (back-pressure pauses the body) is never mistaken for a silent
 * upstream. Nothing is aborted on a normal end: an abort builds an error with a stack trace.
 *
 * Push mode (a {@link ChunkSink} given): the reader feeds the chunks straight to the sink through
 * this object (the reader's sink), and `next()` is not used.
 */
class UpstreamChunks implements AsyncIterator<ChatCompletionChunk>, ReaderSink, ChunkFlow {
  readonly #options: StreamUpstreamOptions
  /** Cancels the request until the upstream answers; dropped then, as the reader cancels from there. */
  #round: AbortController | undefined
  readonly #opened: Promise<ChunkReader>
  readonly #watchdog: StallWatchdog
  #reader: ChunkReader | undefined
  #timedOut: UpstreamError | undefined
  #finished = false
  #forwardAbort: (() => void) | undefined
  /** Push mode: where the chunks go; cleared when the consumer cancels (it wants no more calls). */
  #sink: ChunkSink | undefined

  constructor(
    client: OpenAI,
    request: ChatRequest,
    options: StreamUpstreamOptions,
    sink?: ChunkSink,
  ) {
    this.#options = options
    this.#sink = sink
    const round = new AbortController()
    this.#round = round
    this.#watchdog = new StallWatchdog({
      firstByteTimeoutMs: options.firstByteMs,
      idleTimeoutMs: options.idleMs,
      onStall: (kind, ms) => {
        this.#timedOut = timeoutError(kind, ms)
        this.#cancel(this.#timedOut)
      },
    })
    this.#watchdog.wait()
    const signal = options.signal
    if (signal !== undefined) {
      // Only made when there is a signal: a pushed reply is stopped with cancel() instead.
      const forwardAbort = (): void => this.#cancel(signal.reason)
      this.#forwardAbort = forwardAbort
      signal.addEventListener('abort', forwardAbort, { once: true })
      if (signal.aborted) forwardAbort()
    }
    this.#opened = this.#open(client, request, round)
    // Observed here; next() awaits it and sees the rejection.
    this.#opened.catch(() => {})
  }

  async next(): Promise<IteratorResult<ChatCompletionChunk>> {
    try {
      const reader = this.#reader ?? (await this.#opened)
      const result = await reader.next()
      if (result.done) this.#finish()
      return result
    } catch (error) {
      this.#finish()
      if (this.#timedOut !== undefined) throw this.#timedOut
      // Ends quietly when `signal` aborted: the caller knows why, and may not be listening any more.
      if (this.#options.signal?.aborted === true) return { done: true, value: undefined }
      throw error
    }
  }

  /** Push mode, from the reader: one chunk arrived. */
  chunk(chunk: ChatCompletionChunk, raw: string | undefined): boolean {
    if (this.#finished || this.#sink === undefined) return true
    return this.#sink.chunk(chunk, raw)
  }

  /** Push mode, from the reader: the body ended. */
  end(): void {
    this.#finish()
    const sink = this.#sink
    this.#sink = undefined
    sink?.end()
  }

  /** Push mode, from the reader (or the request): the same outcomes as `next()` rejecting. */
  fail(error: unknown): void {
    this.#finish()
    const sink = this.#sink
    this.#sink = undefined
    if (sink === undefined) return
    if (this.#timedOut !== undefined) sink.fail(this.#timedOut)
    else if (this.#options.signal?.aborted === true) sink.end()
    else sink.fail(error)
  }

  /** Push mode: the sink took the bytes it asked a pause for. */
  resume(): void {
    if (this.#finished) return
    this.#reader?.resume()
  }

  /** Push mode: the consumer stopped (the same as `return()` for an iterator). */
  cancel(): void {
    this.#sink = undefined
    void this.return()
  }

  /** The consumer left early: the upstream must not keep generating. */
  return(): Promise<IteratorResult<ChatCompletionChunk>> {
    if (!this.#finished) this.#cancel(new Error('The consumer stopped reading.'))
    return Promise.resolve({ done: true, value: undefined })
  }

  async #open(client: OpenAI, request: ChatRequest, round: AbortController): Promise<ChunkReader> {
    // `Object.assign`, not `{ ...request, stream: true }`: V8 gives each object made that way a
    // hidden class of its own (the properties added after a clone share no transitions), a map and
    // descriptor array per request that the SDK's code then meets as one more shape.
    const params = Object.assign({}, request, {
      stream: true,
      stream_options: Object.assign({}, request.stream_options, { include_usage: true }),
    }) as unknown as ChatCompletionCreateParamsStreaming
    let body: Readable
    try {
      // The raw response: the SDK's own SSE parser costs more than ours (see docs/benchmarks.md).
      const response = await client.chat.completions
        .create(params, { signal: round.signal })
        .asResponse()
      body = nodeBody(response)
      // Some upstreams ignore `stream: true`: their whole answer is relayed as the stream it
      // would have been, instead of being read as an event stream with no events in it.
      if (isJsonAnswer(response)) {
        body = await jsonAnswerAsEvents(body, this.#options.maxJsonBytes, () =>
          this.#watchdog.received(),
        )
      }
    } catch (error) {
      this.fail(error)
      throw error
    }
    // In push mode the reader feeds this object; its first `data` event comes after `accepted()`.
    const reader = new ChunkReader(
      body,
      this.#sink === undefined ? undefined : this,
      this.#watchdog,
    )
    this.#reader = reader
    this.#round = undefined
    if (this.#finished) {
      reader.cancel(this.#timedOut ?? round.signal.reason)
      return reader
    }
    try {
      this.#options.onAccepted?.()
      this.#sink?.accepted()
    } catch (error) {
      // A consumer that cannot open its reply fails it, and the upstream call stops with it.
      reader.cancel(error)
      throw error
    }
    return reader
  }

  #cancel(reason: unknown): void {
    this.#finish()
    // Before the answer, the SDK's request is aborted; after, closing the body closes the connection.
    if (this.#reader === undefined) this.#round?.abort(reason)
    else this.#reader.cancel(reason)
  }

  #finish(): void {
    this.#finished = true
    this.#watchdog.stop()
    if (this.#forwardAbort !== undefined) {
      this.#options.signal?.removeEventListener('abort', this.#forwardAbort)
    }
  }
}

/**
 * One streamed chat completion from the upstream through the official SDK, always asking for the
 * final usage chunk, with first-byte and idle watchdogs that cancel a stalled upstream. Aborting
 * `signal` closes the upstream connection at once and ends the stream quietly.
 */
export function streamUpstream(
  client: OpenAI,
  request: ChatRequest,
  options: StreamUpstreamOptions,
): AsyncIterable<ChatCompletionChunk> {
  return { [Symbol.asyncIterator]: () => new UpstreamChunks(client, request, options) }
}

/**
 * The same call as {@link streamUpstream}, in push mode: the chunks go to `sink` as they are
 * decoded. The sink hears `accepted()` first, then the chunks, then `end()` or `fail()` (with the
 * same errors the iterator would throw; an abort by `signal` is a quiet `end()`).
 */
export function pushUpstream(
  client: OpenAI,
  request: ChatRequest,
  options: StreamUpstreamOptions,
  sink: ChunkSink,
): ChunkFlow {
  return new UpstreamChunks(client, request, options, sink)
}
