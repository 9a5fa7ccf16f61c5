import type { ChatRequest } from '@typewriter-chat/core'
import type { Response } from 'express'
import { sendError } from '../http/error-handler.js'
import { requestLog } from '../log/request-log.js'
import { openChunkSource } from '../upstream/chunk-source.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { upstreamTooLarge } from '../upstream/too-large.js'
import { abortOnClientClose } from './abort-on-close.js'
import { CompletionAccumulator } from './accumulate-completion.js'
import { ReplyUsage } from './reply-usage.js'

/**
 * Answers a non-streamed request (`stream: false`) with one `chat.completion` JSON. The upstream is
 * still streamed, so continuation, watchdogs and cancel-on-disconnect work exactly as for streams;
 * nothing has been sent when something fails, so every failure is a plain HTTP error. The reply is
 * held whole until it ends, so its text is bounded (`limits.maxReplyBytes`): past it, the upstream
 * call is closed and the client gets 502 `upstream_too_large`.
 */
export async function completeChat(
  relay: RelayContext,
  request: ChatRequest,
  res: Response,
  options: { continuation: boolean },
): Promise<void> {
  const client = abortOnClientClose(res)
  const accumulator = new CompletionAccumulator()
  const usage = new ReplyUsage()
  const log = requestLog(res)
  const { maxReplyBytes } = relay.config.limits
  try {
    const source = openChunkSource(relay, request, { ...options, signal: client.signal })
    // for-await closes the source when the loop is left early, which cancels the upstream.
    for await (const chunk of source) {
      accumulator.add(chunk)
      usage.add(chunk)
      if (accumulator.bytes > maxReplyBytes) {
        throw upstreamTooLarge(`a reply longer than ${maxReplyBytes} bytes`)
      }
    }
    if (client.signal.aborted) {
      log.aborted = true
      return
    }
    res.json(accumulator.result())
  } catch (error) {
    if (client.signal.aborted) log.aborted = true
    else sendError(res, mapUpstreamError(error, relay.secrets, relay.config.logger))
  } finally {
    usage.record(log)
  }
}
