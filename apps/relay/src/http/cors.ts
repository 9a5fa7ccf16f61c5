import cors from 'cors'
import type { RequestHandler } from 'express'
import { RequestError } from './relay-error.js'

/**
 * CORS for an allow-list of origins. Allowed origins get the usual headers (preflight included);
 * any other origin gets no CORS header at all, and its preflights a 403, so a browser on another site
 * cannot spend the relay's upstream key. Same-origin pages need no CORS, so an empty list means
 * "same origin only".
 */
export function corsAllowList(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins)
  const withHeaders = cors({
    origin: true,
    methods: ['GET', 'HEAD', 'POST'],
    exposedHeaders: ['Retry-After', 'X-Stream-Id'],
    maxAge: 600,
  })
  return (req, res, next) => {
    const origin = req.get('origin')
    if (origin !== undefined && allowed.has(origin)) {
      withHeaders(req, res, next)
      return
    }
    if (
      origin !== undefined &&
      req.method === 'OPTIONS' &&
      req.get('access-control-request-method')
    ) {
      throw new RequestError('cors_forbidden', `Origin ${origin} is not allowed by this relay.`, {
        status: 403,
      })
    }
    next()
  }
}
