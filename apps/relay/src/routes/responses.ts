import type { RequestHandler } from 'express'
import { track } from '../log/request-log.js'
import { completeResponse } from '../streaming/complete-response.js'
import { ResponseUsageLog } from '../streaming/response-usage.js'
import { streamReply } from '../streaming/stream-reply.js'
import { upstreamBounds } from '../upstream/chunk-source.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { streamResponses } from '../upstream/stream-responses.js'
import { checkLimits, parseBody } from './chat-body.js'
import { checkInputImages } from './image-urls.js'
import { resolveModel } from './resolve-model.js'
import { responsesBody } from './responses-body.js'

/**
 * `POST /v1/responses`: OpenAI's Responses API through the official SDK's `responses.create`, with
 * the key, allow-list, rate limit, output-token limit and image URL policy of
 * `/v1/chat/completions`. `stream: true` relays the upstream's events as they come (each with its
 * `event:` line, heartbeats while the model is silent, an `error` event if it fails after the
 * start); otherwise the response object. Never continued: a reply cut at `max_output_tokens`
 * stays `incomplete`, as OpenAI's does.
 */
export function responsesRoute(relay: RelayContext): RequestHandler {
  return async (req, res) => {
    const body = parseBody(responsesBody, req.body)
    checkLimits(body, relay.config.limits)
    checkInputImages(body.input as string | { content?: unknown }[], relay.config.imageUrlHosts)
    const { stream, ...rest } = body
    const params = { ...rest, model: resolveModel(body.model, relay.config) }
    if (stream !== true) {
      await track(res, completeResponse(relay, params, res))
      return
    }
    const usage = new ResponseUsageLog()
    await track(
      res,
      streamReply(relay, res, {
        source: (signal, onAccepted) =>
          streamResponses(relay.client, params, { ...upstreamBounds(relay), signal, onAccepted }),
        observe: (event) => usage.add(event),
        encode: (event) => ({ event: event.type, data: JSON.stringify(event) }),
        error: (error) => ({
          event: 'error',
          data: JSON.stringify({
            type: 'error',
            code: error.code,
            message: error.message,
            param: error.param ?? null,
            sequence_number: usage.lastSequence + 1,
          }),
        }),
        record: (log) => usage.record(log),
      }),
    )
  }
}
