import { ChatStreamError } from '../errors/chat-stream-error.js'

/** Options of {@link Watchdog}. @internal */
export interface WatchdogOptions {
  firstByteTimeoutMs?: number | undefined
  idleTimeoutMs?: number | undefined
  /** Called once, with the timeout error, when a timer fires. */
  onTimeout: (error: ChatStreamError) => void
}

/**
 * The stall timers of one request. They run only while the client waits on the network: during
 * `fetch` and while a body read is pending. A consumer that is slow to read never trips them, and
 * bytes the network already delivered end the wait at once.
 *
 * - First byte: from the request until its first body bytes (a proxy may send headers, then hang).
 *   One deadline for the whole wait.
 * - Idle: after that, the longest wait for the next bytes. SSE comments (`: ping`) are bytes too.
 * @internal
 */
export class Watchdog {
  readonly #options: WatchdogOptions
  #deadline: number | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #gotFirstByte = false
  #stopped = false

  constructor(options: WatchdogOptions) {
    this.#options = options
    const firstByte = options.firstByteTimeoutMs
    if (firstByte !== undefined) this.#deadline = Date.now() + firstByte
  }

  /** The client starts waiting (request sent, or a body read pending). */
  waiting(): void {
    if (this.#stopped) return
    this.#clear()
    if (!this.#gotFirstByte) {
      if (this.#deadline !== undefined) {
        const ms = this.#options.firstByteTimeoutMs ?? 0
        this.#arm(Math.max(0, this.#deadline - Date.now()), 'first_byte_timeout', ms)
      }
    } else if (this.#options.idleTimeoutMs !== undefined) {
      this.#arm(this.#options.idleTimeoutMs, 'idle_timeout', this.#options.idleTimeoutMs)
    }
  }

  /** The wait ended; `bytes` when body bytes arrived (headers alone do not count). */
  received(bytes: boolean): void {
    this.#clear()
    if (bytes) this.#gotFirstByte = true
  }

  /** The request is over: no timer fires any more. */
  stop(): void {
    this.#stopped = true
    this.#clear()
  }

  #arm(delay: number, code: 'first_byte_timeout' | 'idle_timeout', ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      if (this.#stopped) return
      this.stop()
      this.#options.onTimeout(
        code === 'first_byte_timeout'
          ? new ChatStreamError(
              code,
              `The server did not start answering within ${ms} ms, so the request was cancelled.` +
                ' The server or a proxy in front of it may be overloaded.',
            )
          : new ChatStreamError(
              code,
              `The stream stalled: no data for ${ms} ms, so the request was cancelled. The server` +
                ' stopped sending, or a proxy is holding the stream back.',
            ),
      )
    }, delay)
  }

  #clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }
}

/**
 * Wraps a response body so that each read tells the watchdog when the client waits and when bytes
 * arrive. Cancelling the wrapper cancels the body (the server sees the disconnect).
 * @internal
 */
export function watchBody(
  body: ReadableStream<Uint8Array>,
  watchdog: Watchdog,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        watchdog.waiting()
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
        watchdog.received(true)
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
