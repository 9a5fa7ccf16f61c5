import type { Request, RequestHandler } from 'express'
import { sendError } from '../http/error-handler.js'
import { requestLog, track } from '../log/request-log.js'
import { followGeneration } from '../streaming/follow-generation.js'
import { shuttingDown } from '../streaming/generation.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { buildChatRequest } from './build-chat-request.js'
import { apiChatBody, parseBody } from './chat-body.js'
import { planReply } from './reply-policy.js'

/**
 * `POST /api/chat`: the demo's endpoint; always a stream in OpenAI's chunk format. It starts a
 * generation, names it in `X-Stream-Id` once the upstream accepted the request (a refusal before
 * that is a real HTTP status), and follows it from the start. The request's log line is the
 * generation's: written when the generation ended. `charge` counts continuation rounds against the
 * client's rate limit.
 */
export function chatRoute(
  relay: RelayContext,
  charge?: (req: Request) => Promise<boolean>,
): RequestHandler {
  return async (req, res) => {
    const body = parseBody(apiChatBody, req.body)
    const plan = planReply(relay, 'api', body, req, charge)
    const request = buildChatRequest(body, relay.config)
    if (relay.config.signal?.aborted === true) throw shuttingDown()
    const info = requestLog(res)
    const generation = relay.generations.start(plan.relay, request, {
      continuation: plan.continuation,
      info,
    })
    track(res, generation.finished)
    // Before the id was sent nobody can resume: a hang-up then cancels at once.
    const hangUp = (): void => generation.cancel()
    res.once('close', hangUp)
    const failure = await generation.accepted
    res.off('close', hangUp)
    if (failure !== undefined) {
      sendError(res, failure)
      return
    }
    if (res.destroyed) {
      generation.cancel()
      return
    }
    res.setHeader('X-Stream-Id', generation.id)
    await followGeneration(relay, generation, res, 0)
  }
}
