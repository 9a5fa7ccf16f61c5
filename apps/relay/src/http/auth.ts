import { createHash, timingSafeEqual } from 'node:crypto'
import type { Request, RequestHandler } from 'express'
import { RequestError } from './relay-error.js'

function digest(value: string): Buffer {
  // Hashing first gives equal-length buffers, so the comparison time says nothing about the token.
  return createHash('sha256').update(value).digest()
}

/** What a request's `Authorization` header says about `token`. */
export type TokenCheck = 'valid' | 'missing' | 'wrong'

/** Checks `Authorization: Bearer <token>` in constant time. */
export function tokenChecker(token: string): (req: Request) => TokenCheck {
  const expected = digest(token)
  return (req) => {
    const match = /^Bearer[ ]+(.+)$/i.exec(req.get('authorization') ?? '')
    const given = match?.[1]?.trim()
    if (given === undefined) return 'missing'
    return timingSafeEqual(digest(given), expected) ? 'valid' : 'wrong'
  }
}

/**
 * Requires `Authorization: Bearer <token>`. The official `openai` client sends its `apiKey` this way,
 * so clients of `/v1` just use the relay token as their API key.
 */
export function bearerAuth(token: string): RequestHandler {
  const check = tokenChecker(token)
  return (req, res, next) => {
    const result = check(req)
    if (result !== 'valid') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="typewriter-chat relay"')
      throw new RequestError(
        'unauthorized',
        result === 'missing'
          ? 'This relay requires "Authorization: Bearer <token>".'
          : 'The bearer token is not valid for this relay.',
        { status: 401, type: 'authentication_error' },
      )
    }
    next()
  }
}
