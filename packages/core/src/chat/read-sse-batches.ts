import { SSEDecodeError } from '../sse/sse-decode-error.js'
import { SSEDecoder } from '../sse/sse-decoder.js'
import type { SSEEvent } from '../sse/sse-decoder.js'
import { abortError, whenAborted } from '../errors/abort-error.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { openBody } from './body-source.js'
import { incompleteStream } from './finish-tracker.js'

/** Options of {@link parseChatChunks} and {@link parseChatStream}. */
export interface ParseChatOptions {
  /** Stops reading (and cancels the body) when it fires; iteration then throws `ChatStreamError('aborted')`. */
  signal?: AbortSignal
}

/** A response body as the chat parsers read it. @internal */
export type ChatBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/**
 * Asked for the rest of a stream whose body was lost (`lost`: `network_error`, or
 * `incomplete_stream` for a body that ended too early): resolves with a body that carries on after
 * the event `lastEventId` (`''` for none), or rejects to give up, with `lost` to report the loss as
 * it is. `streamChat` resumes this way where the server offers it.
 * @internal
 */
export type Reconnect = (lost: ChatStreamError, lastEventId: string) => Promise<ChatBody>

/** What the chat parsers themselves tell {@link readSSEBatches}. @internal */
export interface ReadSSEOptions extends ParseChatOptions {
  reconnect?: Reconnect | undefined
  /**
   * Whether the reply is whole so far: a body that ends by itself then lost nothing. Read only with
   * `reconnect`; without it, the caller judges the end.
   */
  whole?: () => boolean
}

/**
 * The read loop shared by the chat parsers: yields the SSE events completed by each read of the body,
 * as one array per read. One step per read rather than per event keeps the per-event cost free of
 * promises; a 16 KB read holds dozens of events.
 *
 * Any way out but the body's own end (the caller returns after `[DONE]` or throws, an abort, a
 * consumer that stopped iterating) cancels the body, which tells the server to stop generating, and
 * releases its lock. Failures of the body surface as `network_error`, or `aborted` once `signal` fired;
 * a line or event past the decoder's bounds as `invalid_chunk`.
 *
 * With `options.reconnect`, a body that fails, or ends while the reply is not `whole()`, is replaced
 * by the one `reconnect` answers with: the event it was cut inside is discarded, as at the end of a
 * stream, and the decoder carries on with its last event ID, so the events read continue exactly.
 * @internal
 */
export async function* readSSEBatches(
  body: ChatBody,
  options: ReadSSEOptions = {},
): AsyncGenerator<SSEEvent[], void, undefined> {
  const { signal, reconnect } = options
  if (signal?.aborted) throw abortError(signal)
  let source = openBody(body)
  const abort = signal ? whenAborted(signal) : undefined
  const race = <T>(promise: Promise<T>): Promise<T> =>
    abort ? Promise.race([abort.promise, promise]) : promise
  const decoder = new SSEDecoder()
  let endedByItself = false
  let cancelReason: unknown
  try {
    for (;;) {
      let result: IteratorResult<Uint8Array, unknown> | undefined
      let lost: ChatStreamError | undefined
      try {
        result = await race(source.next())
      } catch (error) {
        // A body tied to the same signal (fetch's) fails with its own AbortError: report the abort.
        if (signal?.aborted) throw abortError(signal)
        if (ChatStreamError.isInstance(error)) throw error
        lost = new ChatStreamError('network_error', 'Reading the chat stream failed.', {
          cause: error,
        })
      }
      if (signal?.aborted) throw abortError(signal)
      if (result !== undefined && !result.done) {
        const events = feed(decoder, result.value)
        if (events.length > 0) yield events
        continue
      }
      // A trailing event without its blank line is discarded, as the SSE spec requires (a resumed
      // body sends it again, whole).
      decoder.end()
      if (reconnect === undefined || (lost === undefined && options.whole?.() !== false)) {
        if (lost !== undefined) throw lost
        // Whether the reply was complete is the caller's judgement.
        endedByItself = true
        return
      }
      lost ??= incompleteStream()
      source.cancel(lost)
      let next: ChatBody
      try {
        next = await race(reconnect(lost, decoder.lastEventId))
      } catch (error) {
        throw signal?.aborted ? abortError(signal) : error
      }
      source = openBody(next)
    }
  } catch (error) {
    cancelReason = error
    throw error
  } finally {
    abort?.dispose()
    if (endedByItself) source.release()
    else source.cancel(cancelReason)
  }
}

/** The decoder's bound errors as the chat parsers' own typed error: the body is not a chat stream. */
function feed(decoder: SSEDecoder, bytes: Uint8Array): SSEEvent[] {
  try {
    return decoder.feed(bytes)
  } catch (error) {
    if (!SSEDecodeError.isInstance(error)) throw error
    throw new ChatStreamError('invalid_chunk', `${error.message} It is not a chat stream.`, {
      cause: error,
    })
  }
}
