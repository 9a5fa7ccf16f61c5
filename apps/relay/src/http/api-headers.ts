import type { RequestHandler } from 'express'
import { corsAllowList } from './cors.js'

/**
 * What every API answer carries: `X-Content-Type-Options: nosniff` and the CORS headers for allowed
 * origins (see {@link corsAllowList}). One middleware, so an API request takes one routing step.
 */
export function apiHeaders(corsOrigins: readonly string[]): RequestHandler {
  const cors = corsAllowList(corsOrigins)
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    cors(req, res, next)
  }
}
