import type { ChatRequest } from '@typewriter-chat/core'
import type { Response } from 'express'
import { sendError } from '../http/error-handler.js'
import type { RelayError } from '../http/relay-error.js'
import { requestLog } from '../log/request-log.js'
import { openChunkSource } from '../upstream/chunk-source.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { shuttingDown } from './generation.js'
import { SSEWriter } from './sse-writer.js'
import { ReplyUsage } from './reply-usage.js'

/**
 * Streams one reply as `text/event-stream` in OpenAI's chunk format, ending with `data: [DONE]`.
 *
 * The response opens as soon as the upstream accepts the request, so upstream refusals (401, 429,
 * 5xx...) still become real HTTP statuses. After that, a failure is one `data: {"error": ...}` event
 * and the stream ends without `[DONE]`, which every client reads as "not a normal end".
 *
 * A client that takes no byte for `clientStallMs` while its socket is full loses its stream (and
 * the upstream call is cancelled); when the relay shuts down (`config.signal`), an open stream ends
 * with a `server_shutting_down` error event.
 */
export async function streamChatReply(
  relay: RelayContext,
  request: ChatRequest,
  res: Response,
  options: StreamChatReplyOptions,
): Promise<void> {
  const { config } = relay
  const sendUsage = options.usage ?? true
  const log = requestLog(res)
  const usage = new ReplyUsage()
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
    writer.send(JSON.stringify(error.toJSON()))
  }
  if (config.signal?.aborted === true) {
    fail(shuttingDown())
    return
  }
  res.once('close', onClose)
  config.signal?.addEventListener('abort', onShutdown, { once: true })
  try {
    const chunks = openChunkSource(relay, request, {
      continuation: options.continuation,
      signal: stop.signal,
      onAccepted: open,
    })
    // for-await closes the chunks when the loop is left early, which cancels the upstream call.
    for await (const chunk of chunks) {
      usage.add(chunk)
      // Counted above for the log; sent only to a client that asked for it.
      if (!sendUsage && chunk.usage != null && chunk.choices.length === 0) continue
      const sse = open()
      if (sse.send(JSON.stringify(chunk))) continue
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
    // The chunks end quietly when `stop` fired: what comes next depends on why.
    if (shutdown !== undefined) fail(shutdown)
    else if (!stop.signal.aborted && !res.destroyed) open().send('[DONE]')
  } catch (error) {
    if (!stop.signal.aborted || shutdown !== undefined) {
      fail(shutdown ?? mapUpstreamError(error, relay.secrets, config.logger))
    }
  } finally {
    res.off('close', onClose)
    config.signal?.removeEventListener('abort', onShutdown)
    usage.record(log)
    writer?.end()
  }
}

/** Options of {@link streamChatReply}. */
export interface StreamChatReplyOptions {
  continuation: boolean
  /**
   * Send the upstream's usage chunk (`"choices": []`), which the relay always asks for. Default
   * true; OpenAI sends it only when `stream_options.include_usage` is set, and clients that read
   * `choices[0]` of every chunk break on it.
   */
  usage?: boolean
}
