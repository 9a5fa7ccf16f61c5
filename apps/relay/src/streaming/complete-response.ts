import type { Response } from 'express'
import { sendError } from '../http/error-handler.js'
import { UpstreamError } from '../http/relay-error.js'
import { requestLog } from '../log/request-log.js'
import { upstreamBounds } from '../upstream/chunk-source.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { streamResponses, TERMINAL_EVENTS } from '../upstream/stream-responses.js'
import { abortOnClientClose } from './abort-on-close.js'
import { ResponseUsageLog } from './response-usage.js'

/** A response the upstream gave up on (`response.failed`), as the error the client gets. */
function failed(response: { error?: { code?: unknown } | null } | undefined): UpstreamError {
  const code = response?.error?.code
  const named = typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : undefined
  return new UpstreamError(
    named ?? 'upstream_error',
    `The upstream failed to generate the response${named === undefined ? '' : ` (${named})`}.`,
    { status: 502, type: 'upstream_error' },
  )
}

/**
 * Answers a non-streamed Responses API request with the response object. The upstream is still
 * streamed, so its watchdogs and cancel-on-disconnect work as for streams; the answer is the
 * response its terminal event carries (bounded by the decoder's event size), sent only once the
 * reply is over, so every failure is a plain HTTP error.
 */
export async function completeResponse(
  relay: RelayContext,
  params: Record<string, unknown>,
  res: Response,
): Promise<void> {
  const client = abortOnClientClose(res)
  const usage = new ResponseUsageLog()
  const log = requestLog(res)
  try {
    let last: unknown
    const events = streamResponses(relay.client, params, {
      ...upstreamBounds(relay),
      signal: client.signal,
    })
    for await (const event of events) {
      usage.add(event)
      if (!TERMINAL_EVENTS.has(event.type)) continue
      if (event.type === 'response.failed') throw failed(event.response)
      last = event.response
    }
    if (client.signal.aborted) {
      log.aborted = true
      return
    }
    res.json(last)
  } catch (error) {
    if (client.signal.aborted) log.aborted = true
    else sendError(res, mapUpstreamError(error, relay.secrets, relay.config.logger))
  } finally {
    usage.record(log)
  }
}
