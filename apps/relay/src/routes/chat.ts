import type { Request, RequestHandler } from 'express'
import { streamChatReply } from '../streaming/stream-chat-reply.js'
import { track } from '../log/request-log.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { buildChatRequest } from './build-chat-request.js'
import { apiChatBody, parseBody } from './chat-body.js'
import { planReply } from './reply-policy.js'

/**
 * `POST /api/chat`: the demo's endpoint; always a stream in OpenAI's chunk format. `charge` counts
 * continuation rounds against the client's rate limit.
 */
export function chatRoute(
  relay: RelayContext,
  charge?: (req: Request) => Promise<boolean>,
): RequestHandler {
  return async (req, res) => {
    const body = parseBody(apiChatBody, req.body)
    const plan = planReply(relay, body, req, charge)
    const request = buildChatRequest(body, relay.config)
    await track(res, streamChatReply(plan.relay, request, res, { continuation: plan.continuation }))
  }
}
