import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import type { ChatCompletionChunk, ChatRequest } from '@typewriter-chat/core'
import type OpenAI from 'openai'
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions'
import { UpstreamError } from '../http/relay-error.js'
import { ChunkReader } from './chunk-reader.js'
import { NodeResponse } from './node-fetch.js'

/** Options of {@link streamUpstream}. */
export interface StreamUpstreamOptions {
  /** Aborting it cancels the upstream HTTP request at once (the connection is closed). */
  signal?: AbortSignal
  /** Longest wait, in ms, from sending the request to the first chunk. */
  firstByteMs: number
  /** Longest silence, in ms, between two chunks. */
  idleMs: number
  /** Called when the upstream accepted the request (its response headers arrived). */
  onAccepted?: () => void
}

function timeoutError(kind: 'first' | 'idle', ms: number): UpstreamError {
  const message =
    kind === 'first'
      ? `The upstream sent nothing within ${ms} ms.`
      : `The upstream went silent for ${ms} ms in the middle of the reply.`
  return new UpstreamError('upstream_timeout', message, { status: 504, type: 'upstream_error' })
}

/** The response body as a Node stream: the message itself when our fetch made the response. */
function nodeBody(response: Response): Readable {
  if (response instanceof NodeResponse) return response.message
  if (response.body === null) return Readable.from([])
  return Readable.fromWeb(response.body as NodeWebStream<Uint8Array>)
}

/**
 * One streamed reply: the request goes through the SDK (its `APIError`s for non-2xx answers, which
 * the relay maps, are thrown before any body is read), the body is read by a {@link ChunkReader}.
 * One watchdog timer, re-armed with `refresh()`, serves both timeouts; it only fires while the
 * consumer is waiting for the upstream, so a slow client (back-pressure) is never mistaken for a
 * silent upstream. Nothing is aborted on a normal end: an abort builds an error with a stack trace.
 */
class UpstreamChunks implements AsyncIterator<ChatCompletionChunk> {
  readonly #options: StreamUpstreamOptions
  readonly #round = new AbortController()
  readonly #opened: Promise<ChunkReader>
  #timer: NodeJS.Timeout
  #reader: ChunkReader | undefined
  #idle = false
  #timedOut: UpstreamError | undefined
  #finished = false

  constructor(client: OpenAI, request: ChatRequest, options: StreamUpstreamOptions) {
    this.#options = options
    this.#timer = setTimeout(this.#onTimer, options.firstByteMs)
    options.signal?.addEventListener('abort', this.#forwardAbort, { once: true })
    if (options.signal?.aborted === true) this.#forwardAbort()
    this.#opened = this.#open(client, request)
    // Observed here; next() awaits it and sees the rejection.
    this.#opened.catch(() => {})
  }

  async next(): Promise<IteratorResult<ChatCompletionChunk>> {
    try {
      const reader = this.#reader ?? (await this.#opened)
      // The consumer asks for more: the upstream's silence counts from now.
      if (this.#idle && !this.#finished) this.#timer.refresh()
      const result = await reader.next()
      if (result.done) this.#finish()
      else if (!this.#idle && !this.#finished) {
        // From the first chunk on, the watchdog measures the silence between chunks.
        this.#idle = true
        clearTimeout(this.#timer)
        this.#timer = setTimeout(this.#onTimer, this.#options.idleMs)
      }
      return result
    } catch (error) {
      this.#finish()
      if (this.#timedOut !== undefined) throw this.#timedOut
      // Ends quietly when `signal` aborted: the caller knows why, and may not be listening any more.
      if (this.#options.signal?.aborted === true) return { done: true, value: undefined }
      throw error
    }
  }

  /** The consumer left early: the upstream must not keep generating. */
  return(): Promise<IteratorResult<ChatCompletionChunk>> {
    if (!this.#finished) this.#cancel(new Error('The consumer stopped reading.'))
    return Promise.resolve({ done: true, value: undefined })
  }

  async #open(client: OpenAI, request: ChatRequest): Promise<ChunkReader> {
    const params = {
      ...request,
      stream: true,
      stream_options: { ...(request.stream_options as object | undefined), include_usage: true },
    } as unknown as ChatCompletionCreateParamsStreaming
    let response: Response
    try {
      // The raw response: the SDK's own SSE parser costs more than ours (see docs/benchmarks.md).
      response = await client.chat.completions
        .create(params, { signal: this.#round.signal })
        .asResponse()
    } catch (error) {
      this.#finish()
      throw error
    }
    const reader = new ChunkReader(nodeBody(response))
    this.#reader = reader
    if (this.#finished) reader.cancel(this.#timedOut ?? this.#round.signal.reason)
    else this.#options.onAccepted?.()
    return reader
  }

  readonly #onTimer = (): void => {
    if (this.#finished) return
    // The consumer holds a chunk: the client is slow, not the upstream. Its next() re-arms us.
    if (this.#reader !== undefined && !this.#reader.waiting) return
    const { firstByteMs, idleMs } = this.#options
    this.#timedOut = this.#idle ? timeoutError('idle', idleMs) : timeoutError('first', firstByteMs)
    this.#cancel(this.#timedOut)
  }

  readonly #forwardAbort = (): void => this.#cancel(this.#options.signal?.reason)

  #cancel(reason: unknown): void {
    this.#finish()
    // Before the answer, the SDK's request is aborted; after, closing the body closes the connection.
    if (this.#reader === undefined) this.#round.abort(reason)
    else this.#reader.cancel(reason)
  }

  #finish(): void {
    this.#finished = true
    clearTimeout(this.#timer)
    this.#options.signal?.removeEventListener('abort', this.#forwardAbort)
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
