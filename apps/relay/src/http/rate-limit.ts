import type { Request, RequestHandler } from 'express'
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit'
import { sendError } from './error-handler.js'
import { RequestError } from './relay-error.js'

/** A per-client budget of upstream calls: one per request, and one per continuation round. */
export interface RateLimiter {
  /** Counts the request; past the limit, answers 429 with `Retry-After`. */
  middleware: RequestHandler
  /** Counts one more upstream call for the client of `req`; `false` once its budget is spent. */
  charge(req: Request): Promise<boolean>
}

const clientKey = (req: Request): string => ipKeyGenerator(req.ip ?? '')

/**
 * Limits each client (by IP, IPv6 by /56 subnet) to `perMinute` upstream calls. The middleware
 * counts every request it sees, so mounted before the token check it counts failed tokens too;
 * `charge` counts the continuation rounds a reply asks for, which cost as much as a request.
 */
export function rateLimitPerMinute(perMinute: number): RateLimiter {
  const store = new MemoryStore()
  const middleware = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    store,
    keyGenerator: clientKey,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('Retry-After'))
      sendError(
        res,
        new RequestError(
          'rate_limit_exceeded',
          `Too many requests: this relay allows ${perMinute} per minute per client. Try again later.`,
          {
            status: 429,
            type: 'rate_limit_error',
            ...(Number.isFinite(retryAfter) ? { retryAfter } : {}),
          },
        ),
      )
    },
  })
  return {
    middleware,
    async charge(req) {
      const { totalHits } = await store.increment(clientKey(req))
      return totalHits <= perMinute
    },
  }
}
