import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { StallKind } from './stall-watchdog.js'
import type { StallWatchdog } from './stall-watchdog.js'

/** The client's error for a stall: `first_byte_timeout` or `idle_timeout`. @internal */
export function stallError(kind: StallKind, ms: number): ChatStreamError {
  return kind === 'first-byte'
    ? new ChatStreamError(
        'first_byte_timeout',
        `The server did not start answering within ${ms} ms, so the request was cancelled.` +
          ' The server or a proxy in front of it may be overloaded.',
      )
    : new ChatStreamError(
        'idle_timeout',
        `The stream stalled: no data for ${ms} ms, so the request was cancelled. The server` +
          ' stopped sending, or a proxy is holding the stream back.',
      )
}

/**
 * Wraps a response body so that each read tells the watchdog when the client waits and when bytes
 * arrive. Cancelling the wrapper cancels the body (the server sees the disconnect).
 * @internal
 */
export function watchBody(
  body: ReadableStream<Uint8Array>,
  watchdog: StallWatchdog,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        watchdog.wait()
        let result: ReadableStreamReadResult<Uint8Array>
        try {
          result = await reader.read()
        } catch (error) {
          watchdog.stop()
          throw error
        }
        if (result.done) {
          watchdog.stop()
          controller.close()
          return
        }
        watchdog.received()
        watchdog.pause()
        controller.enqueue(result.value)
      },
      cancel(reason) {
        watchdog.stop()
        return reader.cancel(reason)
      },
    },
    // Reads happen only when the parser asks: the timers then measure the network, not the consumer.
    { highWaterMark: 0 },
  )
}
