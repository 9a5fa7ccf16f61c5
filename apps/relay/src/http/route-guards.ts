import type { RequestHandler } from 'express'
import { RequestError } from './relay-error.js'

/** Answers 405 with an `Allow` header for a path that exists but not with this method. */
export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  const allow = allowed.join(', ')
  return (req, res) => {
    res.setHeader('Allow', allow)
    throw new RequestError(
      'method_not_allowed',
      `${req.method} is not allowed here; use ${allow}.`,
      {
        status: 405,
      },
    )
  }
}

/** Answers 404 JSON for unknown API paths, so they never fall through to the demo's HTML. */
export const apiNotFound: RequestHandler = (req) => {
  throw new RequestError('not_found', `No route ${req.method} ${req.originalUrl}.`, { status: 404 })
}

/**
 * Refuses bodies that are not JSON with 415 before reading them: `express.json()` would silently skip
 * them and the route would then complain about missing `messages`, hiding the real mistake.
 */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (typeof req.is('application/json') !== 'string') {
    throw new RequestError(
      'unsupported_media_type',
      'Send the body as JSON with "Content-Type: application/json".',
      { status: 415 },
    )
  }
  next()
}
