import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { RequestError } from './relay-error.js'

function digest(value: string): Buffer {
  // Hashing first gives equal-length buffers, so the comparison time says nothing about the token.
  return createHash('sha256').update(value).digest()
}

/**
 * Requires `Authorization: Bearer <token>`. The official `openai` client sends its `apiKey` this way,
 * so clients of `/v1` just use the relay token as their API key.
 */
export function bearerAuth(token: string): RequestHandler {
  const expected = digest(token)
  return (req, res, next) => {
    const match = /^Bearer[ ]+(.+)$/i.exec(req.get('authorization') ?? '')
    const given = match?.[1]?.trim()
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="typewriter-chat relay"')
      throw new RequestError(
        'unauthorized',
        given === undefined
          ? 'This relay requires "Authorization: Bearer <token>".'
          : 'The bearer token is not valid for this relay.',
        { status: 401, type: 'authentication_error' },
      )
    }
    next()
  }
}
