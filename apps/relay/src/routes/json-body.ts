import express from 'express'
import type { Request, RequestHandler } from 'express'
import { requireJson } from '../http/route-guards.js'

/** The most the chat routes read: `express.json`'s `1mb`. */
const LIMIT = 1024 * 1024

const parseJson = express.json({ limit: LIMIT, type: 'application/json' })

const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r]|$)/

/** An error shaped like `body-parser`'s, so the error handler answers it the same way. */
function bodyError(message: string, type: string): Error {
  return Object.assign(new Error(message), { status: 400, statusCode: 400, expose: true, type })
}

/** `express.json`'s strict parse: an empty body is `{}`, anything but an object or array fails. */
function parseStrict(bytes: Buffer): unknown {
  let text = bytes.toString('utf8')
  // body-parser's decoder drops a byte-order mark.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.length === 0) return {}
  const first = FIRST_NON_WHITESPACE.exec(text)?.[1]
  if (first !== '{' && first !== '[') {
    throw bodyError('The body is not a JSON object or array.', 'entity.parse.failed')
  }
  try {
    return JSON.parse(text) as unknown
  } catch (cause) {
    throw Object.assign(bodyError('The body is not valid JSON.', 'entity.parse.failed'), { cause })
  }
}

/**
 * A body that a parser of the host app, mounted before the relay, has already read: `express.json()`
 * left an object (kept as it is), `express.text()` or `express.raw()` left the text or the bytes
 * (parsed here as the relay would have). The host's parser set its own size limit and answered its
 * own errors before the relay saw the request; the relay README says how to mount it instead.
 */
function adoptParsedBody(req: Request): void {
  const body: unknown = req.body
  if (typeof body === 'string') req.body = parseStrict(Buffer.from(body))
  else if (Buffer.isBuffer(body)) req.body = parseStrict(body)
}

/**
 * The body of the chat routes: JSON only (415 otherwise), 1 MB at most, objects and arrays only,
 * read by `express.json`, unless a parser of the host app read it already.
 */
export const jsonBody: RequestHandler = (req, res, next) => {
  requireJson(req, res, () => {
    if (req.body === undefined) {
      parseJson(req, res, next)
      return
    }
    adoptParsedBody(req)
    next()
  })
}
