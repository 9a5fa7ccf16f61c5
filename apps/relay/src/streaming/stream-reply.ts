import type { Response } from 'express'
import { sendError } from '../http/error-handler.js'
import type { RelayError } from '../http/relay-error.js'
import { requestLog, type RequestLogInfo } from '../log/request-log.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { shuttingDown } from './generation.js'
import { SSEWriter } from './sse-writer.js'

/** One SSE event as the relay writes it. */
export interface OutgoingEvent {
  /** The `event:` line; none for chat chunks. */
  event?: string
  data: string
}

/** What one API's streamed reply is: where its values come from and how they go out. */
export interface StreamedReply<T> {
  /** Opens the upstream call; `onAccepted` runs once the upstream accepted the request. */
  source(signal: AbortSignal, onAccepted: () => void): AsyncIterable<T>
  /** Hears of every value, sent or not (the usage for the log line). */
  observe(value: T): void
  /** The event a value goes out as; `undefined`: not sent to this client. */
  encode(value: T): OutgoingEvent | undefined
  /** Sent after the last value of a reply that ended normally (`[DONE]` for chat). */
  end?: OutgoingEvent
  /** The in-band event that reports a failure after the stream started. */
  error(error: RelayError): OutgoingEvent
  /** Copies what was observed into the request's log record. */
  record(log: RequestLogInfo): void
}

/**
 * Streams one reply as `text/event-stream`, in the wire format of `reply`'s API.
 *
 * The response opens as soon as the upstream accepts the request, so upstream refusals (401, 429,
 * 5xx...) still become real HTTP statuses. After that, a failure is one in-band error event and
 * the stream ends without its end marker, which every client reads as "not a normal end".
 *
 * A client that takes no byte for `clientStallMs` while its socket is full loses its stream (and
 * the upstream call is cancelled); when the relay shuts down (`config.signal`), an open stream ends
 * with a `server_shutting_down` error event.
 */
export async function streamReply<T>(
  relay: RelayContext,
  res: Response,
  reply: StreamedReply<T>,
): Promise<void> {
  const { config } = relay
  const log = requestLog(res)
  // Why the reply ends before the upstream did; aborting it closes the upstream call at once.
  const stop = new AbortController()
  const stopped = new Promise<'stopped'>((resolve) =>
    stop.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
  )
  // The RESPONSE's `close`: a POST's request closes once its body was read (better-sse #116).
  const onClose = (): void => {
    if (res.writableFinished || stop.signal.aborted) return
    log.aborted = true
    stop.abort(new Error('The client closed the connection.'))
  }
  let shutdown: RelayError | undefined
  const onShutdown = (): void => {
    shutdown = shuttingDown()
    stop.abort(shutdown)
  }
  let writer: SSEWriter | undefined
  // Opened when the upstream accepted the request, or by the first chunk of a reply that has none.
  const open = (): SSEWriter => {
    if (writer !== undefined) return writer
    const opened = new SSEWriter(res, relay.heartbeat, config.clientStallMs)
    opened.open()
    writer = opened
    return opened
  }
  const fail = (error: RelayError): void => {
    if (writer === undefined) {
      // Nothing sent yet: a real HTTP error status.
      sendError(res, error)
      return
    }
    log.errorCode = error.code
    const event = reply.error(error)
    writer.send(event.data, undefined, event.event)
  }
  if (config.signal?.aborted === true) {
    fail(shuttingDown())
    return
  }
  res.once('close', onClose)
  config.signal?.addEventListener('abort', onShutdown, { once: true })
  try {
    // for-await closes the source when the loop is left early, which cancels the upstream call.
    for await (const value of reply.source(stop.signal, open)) {
      reply.observe(value)
      const event = reply.encode(value)
      if (event === undefined) continue
      const sse = open()
      if (sse.send(event.data, undefined, event.event)) continue
      // The client's socket is full: the upstream is read no further until it took the bytes (or
      // the reply is stopped: a shutdown's error event need not wait for a slow client).
      const outcome = await Promise.race([sse.drained(), stopped])
      if (outcome === 'closed' || outcome === 'stopped') break
      if (outcome === 'stalled') {
        log.errorCode = 'client_stalled'
        stop.abort(new Error('The client stopped reading.'))
        // Not even the end of the response would reach a client that takes nothing.
        sse.destroy()
        break
      }
    }
    // The source ends quietly when `stop` fired: what comes next depends on why.
    if (shutdown !== undefined) fail(shutdown)
    else if (!stop.signal.aborted && !res.destroyed) {
      const sse = open()
      if (reply.end !== undefined) sse.send(reply.end.data, undefined, reply.end.event)
    }
  } catch (error) {
    if (!stop.signal.aborted || shutdown !== undefined) {
      fail(shutdown ?? mapUpstreamError(error, relay.secrets, config.logger))
    }
  } finally {
    res.off('close', onClose)
    config.signal?.removeEventListener('abort', onShutdown)
    reply.record(log)
    writer?.end()
  }
}
