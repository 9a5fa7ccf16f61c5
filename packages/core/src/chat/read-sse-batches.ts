import { SSEDecodeError } from '../sse/sse-decode-error.js'
import { SSEDecoder } from '../sse/sse-decoder.js'
import type { SSEEvent } from '../sse/sse-decoder.js'
import { abortError, whenAborted } from '../errors/abort-error.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { openBody } from './body-source.js'

/** Options of {@link parseChatChunks} and {@link parseChatStream}. */
export interface ParseChatOptions {
  /** Stops reading (and cancels the body) when it fires; iteration then throws `ChatStreamError('aborted')`. */
  signal?: AbortSignal
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
 * @internal
 */
export async function* readSSEBatches(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ParseChatOptions = {},
): AsyncGenerator<SSEEvent[], void, undefined> {
  const signal = options.signal
  if (signal?.aborted) throw abortError(signal)
  const source = openBody(body)
  const abort = signal ? whenAborted(signal) : undefined
  const decoder = new SSEDecoder()
  let endedByItself = false
  let cancelReason: unknown
  try {
    for (;;) {
      let result: IteratorResult<Uint8Array, unknown>
      try {
        result = await (abort ? Promise.race([abort.promise, source.next()]) : source.next())
      } catch (error) {
        // A body tied to the same signal (fetch's) fails with its own AbortError: report the abort.
        if (signal?.aborted) throw abortError(signal)
        if (ChatStreamError.isInstance(error)) throw error
        throw new ChatStreamError('network_error', 'Reading the chat stream failed.', {
          cause: error,
        })
      }
      if (signal?.aborted) throw abortError(signal)
      if (result.done) {
        endedByItself = true
        // A trailing event without its blank line is discarded, as the SSE spec requires; whether
        // the reply was complete is the caller's judgement.
        decoder.end()
        return
      }
      const events = feed(decoder, result.value)
      if (events.length > 0) yield events
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
