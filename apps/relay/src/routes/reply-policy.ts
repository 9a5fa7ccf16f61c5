import type { Request } from 'express'
import type { RelayContext } from '../upstream/relay-context.js'
import { checkLimits } from './chat-body.js'

/** The fields of a validated body that decide what a reply may cost. */
interface CostFields {
  continuation?: boolean | undefined
  n?: number | null | undefined
  max_tokens?: number | undefined
  max_completion_tokens?: number | undefined
}

/** The context a reply runs in and whether it may be continued, under the relay's cost policy. */
export interface ReplyPlan {
  relay: RelayContext
  continuation: boolean
}

/**
 * Applies the cost policy to one request on `route`: limits refused with 400, continuation only
 * where it applies (`/api/chat`; `/v1` when `continuation.v1` is set: OpenAI's clients expect a reply
 * cut at `length` to stay cut), never when the caller set its own output limit (it asked for a short
 * reply; continuing would spend what it capped), and each continuation round charged to the client
 * by `charge` (the rate limiter), when there is one.
 */
export function planReply(
  relay: RelayContext,
  route: 'api' | 'v1',
  body: CostFields,
  req: Request,
  charge: ((req: Request) => Promise<boolean>) | undefined,
): ReplyPlan {
  checkLimits(body, relay.config.limits)
  const capped = body.max_tokens !== undefined || body.max_completion_tokens !== undefined
  const applies = route === 'api' || relay.config.continuation.v1
  return {
    relay: charge === undefined ? relay : { ...relay, admitRound: () => charge(req) },
    continuation: applies && (body.continuation ?? true) && !capped,
  }
}
