import type { Readable } from 'node:stream'
import { FinishTracker, SSEDecodeError, SSEDecoder, parseChatChunk } from '@typewriter-chat/core'
import type { ChatCompletionChunk, StallWatchdog } from '@typewriter-chat/core'
import type { ChunkSink } from './chunk-sink.js'
import { upstreamTooLarge } from './too-large.js'

const rawPayloads = new WeakMap<ChatCompletionChunk, string>()

/**
 * The upstream's own `data:` text of a chunk this reader parsed, so an unchanged chunk is forwarded
 * as it came instead of being serialised again; `undefined` for chunks built or changed since
 * (continuation copies the chunks it changes, so they have no entry).
 */
export function rawPayloadOf(chunk: ChatCompletionChunk): string | undefined {
  return rawPayloads.get(chunk)
}

interface Waiter {
  resolve: (result: IteratorResult<ChatCompletionChunk>) => void
  reject: (error: unknown) => void
}

const DONE: IteratorResult<ChatCompletionChunk> = { done: true, value: undefined }

/** The part of a {@link StallWatchdog} the reader drives. */
export type ReaderWatchdog = Pick<StallWatchdog, 'received' | 'pause' | 'wait'>

/** The part of a {@link ChunkSink} the reader feeds in push mode. */
export type ReaderSink = Pick<ChunkSink, 'chunk' | 'end' | 'fail'>

/**
 * How many decoded chunks may wait for the consumer before the body is paused. Pausing a Node stream
 * and resuming it costs more than relaying the chunk (a tick, then a flush of the stream's own
 * buffer), and a few chunks wait all the time (the last three of a reply come in one read; a busy
 * relay reads several at once): only a consumer that stopped reading (back-pressure) pauses the body.
 */
const MAX_QUEUED = 32

/**
 * How long the body may take to end by itself once the reply is over: long enough for the usual
 * `[DONE]` and end of a reply that settled a read earlier (the connection is then kept for the next
 * call), short enough that an upstream which keeps its socket open does not hold it.
 */
const END_GRACE_MS = 1000

/** What the SSE decoder's bounds refused, as the relay's client sees it. */
function decodeFailure(error: unknown): unknown {
  if (!SSEDecodeError.isInstance(error)) return error
  const what = error.code === 'line_too_long' ? 'a line' : 'an event'
  return upstreamTooLarge(`${what} longer than ${error.limit} characters`, error)
}

/**
 * The chat chunks of an upstream SSE body, decoded as each read arrives (`data` events, no promise
 * or generator step per read) and handed out one `next()` at a time. Back-pressure: the body is
 * paused while {@link MAX_QUEUED} decoded chunks wait for the consumer. Chunks that arrived before a
 * failure are delivered first, then the failure. The reply ends at `[DONE]`, at the end of a read
 * that settled it (every choice finished and the usage arrived, which the relay always asks for:
 * the core's {@link FinishTracker} rule), or at the body's own end; an end before every choice
 * finished fails with the core's `incomplete_stream`, the same rule every client of the relay
 * applies. A body still open {@link END_GRACE_MS} after the reply ended is closed. A line or event
 * past the core decoder's bounds fails the reply with `upstream_too_large`.
 *
 * A {@link StallWatchdog} given to the reader hears of every read, and of every pause and resume
 * of the body: the upstream's silence counts only while the body flows.
 *
 * Push mode: given a sink, the reader hands it each chunk the moment it is decoded instead (no
 * queue, no promise, no `WeakMap` entry per chunk); the sink's back-pressure pauses the body until
 * {@link resume}.
 */
export class ChunkReader {
  readonly #body: Readable
  readonly #decoder = new SSEDecoder()
  readonly #tracker = new FinishTracker({ usage: true })
  readonly #watchdog: ReaderWatchdog | undefined
  readonly #queue: ChatCompletionChunk[] = []
  #waiter: Waiter | undefined
  #ended = false
  #failure: { error: unknown } | undefined
  readonly #sink: ReaderSink | undefined
  /** Push mode: the sink asked for a pause. */
  #held = false

  constructor(body: Readable, sink?: ReaderSink, watchdog?: ReaderWatchdog) {
    this.#body = body
    this.#sink = sink
    this.#watchdog = watchdog
    body.on('data', (bytes: Buffer) => this.#onData(bytes))
    body.on('end', () => this.#bodyEnded())
    body.on('error', (error) => this.#fail(error))
    // A connection lost mid-body: some Node versions emit only `close` (no `error`) for it.
    body.on('close', () => this.#fail(new Error('The upstream connection closed mid-reply.')))
  }

  /** Push mode: reads again after the sink asked for a pause. */
  resume(): void {
    this.#held = false
    if (!this.#ended) this.#flow()
  }

  next(): Promise<IteratorResult<ChatCompletionChunk>> {
    const chunk = this.#queue.shift()
    if (chunk !== undefined) {
      if (this.#queue.length === 0 && !this.#ended && this.#body.isPaused()) this.#flow()
      return Promise.resolve({ done: false, value: chunk })
    }
    if (this.#failure !== undefined) return Promise.reject(this.#failure.error)
    if (this.#ended) return Promise.resolve(DONE)
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }))
  }

  /** Stops reading and closes the upstream connection; pending and later reads fail with `reason`. */
  cancel(reason: unknown): void {
    this.#queue.length = 0
    this.#fail(reason)
  }

  #onData(bytes: Buffer): void {
    if (this.#ended) return
    this.#watchdog?.received()
    let events
    try {
      events = this.#decoder.feed(bytes)
    } catch (error) {
      this.#fail(decodeFailure(error))
      return
    }
    for (const event of events) {
      let meaning
      try {
        meaning = parseChatChunk(event)
      } catch (error) {
        this.#fail(error)
        return
      }
      if (meaning === undefined) continue
      if (meaning === 'done') {
        this.#end()
        return
      }
      this.#tracker.observe(meaning)
      const sink = this.#sink
      if (sink === undefined) {
        rawPayloads.set(meaning, event.data)
        this.#deliver(meaning)
      } else {
        let more
        try {
          more = sink.chunk(meaning, event.data)
        } catch (error) {
          // What a consumer's loop would catch: the reply fails instead of the process.
          this.#fail(error)
          return
        }
        if (!more && !this.#held) {
          this.#held = true
          this.#pause()
        }
        // The sink may have cancelled the reply: the rest of this read is no longer wanted.
        if (this.#ended) return
      }
    }
    // Judged per read, not per event: a `[DONE]` in the same read ends the reply the usual way.
    if (this.#tracker.settled) {
      this.#end()
      return
    }
    if (this.#queue.length >= MAX_QUEUED) this.#pause()
  }

  #pause(): void {
    this.#body.pause()
    this.#watchdog?.pause()
  }

  #flow(): void {
    this.#body.resume()
    this.#watchdog?.wait()
  }

  /** The body ended by itself: a normal end only if the reply was complete. */
  #bodyEnded(): void {
    if (this.#ended) return
    try {
      this.#tracker.assertComplete()
    } catch (error) {
      this.#fail(error)
      return
    }
    this.#end()
  }

  #deliver(chunk: ChatCompletionChunk): void {
    const waiter = this.#waiter
    if (waiter === undefined) {
      this.#queue.push(chunk)
      return
    }
    this.#waiter = undefined
    waiter.resolve({ done: false, value: chunk })
  }

  #end(): void {
    if (this.#ended) return
    this.#ended = true
    // After the reply only the end of the body can follow: let it arrive so the connection is
    // reused, but not wait for it forever.
    this.#body.resume()
    this.#closeUnlessEnded()
    const waiter = this.#waiter
    this.#waiter = undefined
    waiter?.resolve(DONE)
    this.#sink?.end()
  }

  #closeUnlessEnded(): void {
    const body = this.#body
    if (body.readableEnded || body.destroyed) return
    // Unref'd: a body the upstream still holds open must not keep the process alive either.
    const timer = setTimeout(() => body.destroy(), END_GRACE_MS).unref()
    const settled = (): void => clearTimeout(timer)
    body.once('end', settled).once('close', settled)
  }

  #fail(error: unknown): void {
    if (this.#ended) {
      // Anything after `[DONE]` (a connection that is not closed) is no longer our business.
      if (!this.#body.readableEnded) this.#body.destroy()
      return
    }
    this.#ended = true
    this.#failure = { error }
    this.#body.destroy()
    const waiter = this.#waiter
    this.#waiter = undefined
    waiter?.reject(error)
    this.#sink?.fail(error)
  }
}
