import type { RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import { sendError } from './error-handler.js'
import { RequestError } from './relay-error.js'

/** Limits each client (by IP) to `perMinute` requests; the library sets `Retry-After`. */
export function rateLimitPerMinute(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
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
}
