import { SSEDecodeError, SSEDecoder, StallWatchdog } from '@typewriter-chat/core'
import type { SSEEvent, StallKind } from '@typewriter-chat/core'
import { UpstreamError } from '../http/relay-error.js'
import { isJsonAnswer, type JsonAnswerReader } from './json-answer.js'
import { upstreamTooLarge } from './too-large.js'

/** Options of {@link upstreamEvents} (and of the calls built on it). */
export interface UpstreamEventsOptions {
  /** Aborting it cancels the upstream HTTP request at once and ends the chunks quietly. */
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

/**
 * How long the body may take to end by itself once the reply is over: long enough for the usual
 * `[DONE]` and end of a reply that settled a read earlier (the connection is then kept for the next
 * call), short enough that an upstream which keeps its socket open does not hold it.
 */
const END_GRACE_MS = 1000

const ignore = (): void => {}

function timeoutError(kind: StallKind, ms: number): UpstreamError {
  const message =
    kind === 'first-byte'
      ? `The upstream sent nothing within ${ms} ms.`
      : `The upstream went silent for ${ms} ms in the middle of the reply.`
  return new UpstreamError('upstream_timeout', message, { status: 504, type: 'upstream_error' })
}

/** What the SSE decoder's bounds refused, as the relay's client sees it. */
function decodeFailure(error: unknown): unknown {
  if (!SSEDecodeError.isInstance(error)) return error
  const what = error.code === 'line_too_long' ? 'a line' : 'an event'
  return upstreamTooLarge(`${what} longer than ${error.limit} characters`, error)
}

/** After the reply only the end of the body can follow: let it come, so the connection is reused. */
function letBodyEnd(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  // Unref'd: a body the upstream still holds open must not keep the process alive either.
  const timer = setTimeout(() => void reader.cancel().catch(ignore), END_GRACE_MS).unref()
  const drain = async (): Promise<void> => {
    while (!(await reader.read()).done);
  }
  drain()
    .catch(ignore)
    .finally(() => clearTimeout(timer))
}

/** How one API's stream is opened and read. */
export interface UpstreamEventRules<T> {
  /** Sends the request through the SDK and gives its raw response (non-2xx answers throw). */
  open(signal: AbortSignal): Promise<Response>
  /** A JSON answer to the streamed request, as the event stream it should have been. */
  jsonAsEvents: JsonAnswerReader
  /** What one event means: a value, `'done'` (the end marker), or nothing to pass on. */
  parse(event: SSEEvent): T | 'done' | undefined
  /** Watches the values: `settled` once nothing more is owed; `assertComplete` at the body's end. */
  tracker: { observe(value: T): void; readonly settled: boolean; assertComplete(): void }
}

/**
 * One streamed upstream call, read here rather than by the SDK (the core's decoder, with its
 * bounds), so every stream rule has one owner: the reply ends at the end marker, at the end of a
 * read that settled it (the rules' tracker), or at the body's own end, which must find it complete.
 * A line or event past the decoder's bounds fails with `upstream_too_large`.
 *
 * The core's {@link StallWatchdog} counts only while a read is pending: a slow consumer (whose
 * back-pressure holds this generator between values) is never mistaken for a silent upstream.
 * Leaving the loop early, a stall or aborting `signal` closes the upstream call; an abort ends the
 * values quietly (the caller knows why).
 */
export async function* upstreamEvents<T>(
  rules: UpstreamEventRules<T>,
  options: UpstreamEventsOptions,
): AsyncGenerator<T, void, undefined> {
  const call = new AbortController()
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  const cancel = (reason: unknown): void => {
    call.abort(reason)
    reader?.cancel(reason).catch(ignore)
  }
  let stalled: UpstreamError | undefined
  const watchdog = new StallWatchdog({
    firstByteTimeoutMs: options.firstByteMs,
    idleTimeoutMs: options.idleMs,
    onStall: (kind, ms) => {
      stalled = timeoutError(kind, ms)
      cancel(stalled)
    },
  })
  const signal = options.signal
  const forwardAbort = (): void => cancel(signal?.reason)
  signal?.addEventListener('abort', forwardAbort, { once: true })
  if (signal?.aborted === true) forwardAbort()
  let ended = false
  try {
    watchdog.wait()
    // The raw response: its `APIError`s for non-2xx answers, which the relay maps, come first.
    const response = await rules.open(call.signal)
    let body: ReadableStream<Uint8Array> =
      response.body ?? new ReadableStream({ start: (controller) => controller.close() })
    // Some upstreams ignore `stream: true`: their whole answer is relayed as the stream it would
    // have been, instead of being read as an event stream with no events in it.
    if (isJsonAnswer(response)) {
      body = await rules.jsonAsEvents(body, options.maxJsonBytes, () => watchdog.received())
    }
    reader = body.getReader()
    if (call.signal.aborted) throw call.signal.reason
    options.onAccepted?.()
    const decoder = new SSEDecoder()
    const { tracker } = rules
    for (;;) {
      watchdog.wait()
      const read = await reader.read()
      watchdog.pause()
      // A cancelled read ends as `done`: the reason it was cancelled for is what happened.
      if (call.signal.aborted) throw call.signal.reason
      if (read.done) {
        tracker.assertComplete()
        ended = true
        return
      }
      watchdog.received()
      let events
      try {
        events = decoder.feed(read.value)
      } catch (error) {
        throw decodeFailure(error)
      }
      for (const event of events) {
        const meaning = rules.parse(event)
        if (meaning === undefined) continue
        if (meaning === 'done') {
          ended = true
          letBodyEnd(reader)
          return
        }
        tracker.observe(meaning)
        yield meaning
      }
      // Judged per read, not per event: a `[DONE]` in the same read ends the reply the usual way.
      if (tracker.settled) {
        ended = true
        letBodyEnd(reader)
        return
      }
    }
  } catch (error) {
    if (stalled !== undefined) throw stalled
    if (signal?.aborted === true) return
    throw error
  } finally {
    watchdog.stop()
    signal?.removeEventListener('abort', forwardAbort)
    // Any other way out (a failure, a consumer that left) must not leave the upstream generating.
    if (!ended) cancel(new Error('The consumer stopped reading.'))
  }
}
