import type { Request, RequestHandler } from 'express'
import { completeChat } from '../streaming/complete-chat.js'
import { streamChatReply } from '../streaming/stream-chat-reply.js'
import { track } from '../log/request-log.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { buildChatRequest } from './build-chat-request.js'
import { completionsBody, parseBody } from './chat-body.js'
import { planReply } from './reply-policy.js'

/**
 * `POST /v1/chat/completions`: the OpenAI endpoint, so any OpenAI client can use the relay as its base
 * URL. `stream: true` gets the same SSE as `/api/chat`; otherwise one `chat.completion` JSON, built
 * from the streamed upstream reply (continued only with `continuation.v1`). `charge` counts continuation rounds
 * against the client's rate limit.
 */
export function completionsRoute(
  relay: RelayContext,
  charge?: (req: Request) => Promise<boolean>,
): RequestHandler {
  return async (req, res) => {
    const body = parseBody(completionsBody, req.body)
    const plan = planReply(relay, 'v1', body, req, charge)
    const request = buildChatRequest(body, relay.config)
    const reply = body.stream === true ? streamChatReply : completeChat
    await track(
      res,
      reply(plan.relay, request, res, {
        continuation: plan.continuation,
        usage: body.stream_options?.include_usage === true,
      }),
    )
  }
}
