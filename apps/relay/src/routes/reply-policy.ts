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
 * Applies the cost policy to one request: limits refused with 400, no continuation when the caller
 * set its own output limit (it asked for a short reply; continuing would spend what it capped), and
 * each continuation round charged to the client by `charge` (the rate limiter), when there is one.
 */
export function planReply(
  relay: RelayContext,
  body: CostFields,
  req: Request,
  charge: ((req: Request) => Promise<boolean>) | undefined,
): ReplyPlan {
  checkLimits(body, relay.config.limits)
  const capped = body.max_tokens !== undefined || body.max_completion_tokens !== undefined
  return {
    relay: charge === undefined ? relay : { ...relay, admitRound: () => charge(req) },
    continuation: (body.continuation ?? true) && !capped,
  }
}
