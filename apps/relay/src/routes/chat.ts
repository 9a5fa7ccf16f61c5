import type { RequestHandler } from 'express'
import { streamChatReply } from '../streaming/stream-chat-reply.js'
import { track } from '../log/request-log.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { buildChatRequest } from './build-chat-request.js'
import { apiChatBody, parseBody } from './chat-body.js'

/** `POST /api/chat`: the demo's endpoint; always a stream in OpenAI's chunk format. */
export function chatRoute(relay: RelayContext): RequestHandler {
  return async (req, res) => {
    const body = parseBody(apiChatBody, req.body)
    const request = buildChatRequest(body, relay.config)
    await track(
      res,
      streamChatReply(relay, request, res, { continuation: body.continuation ?? true }),
    )
  }
}
