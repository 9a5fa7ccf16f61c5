import express from 'express'
import type { Request, RequestHandler } from 'express'
import { RequestError } from '../http/relay-error.js'
import { requireJson } from '../http/route-guards.js'

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

/** `bytes` for people: `16 MiB`, `512 KiB`, `900 bytes`. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}

/**
 * The body of the chat routes: JSON only (415 otherwise), `maxBytes` at most (413 saying so),
 * objects and arrays only, read by `express.json`, unless a parser of the host app read it already.
 */
export function jsonBody(maxBytes: number): RequestHandler {
  const parseJson = express.json({ limit: maxBytes, type: 'application/json' })
  const tooLarge = new RequestError(
    'payload_too_large',
    `The body is larger than this relay accepts (${formatBytes(maxBytes)}; ` +
      'its operator sets the limit with RELAY_MAX_BODY_BYTES).',
    { status: 413 },
  )
  return (req, res, next) => {
    requireJson(req, res, () => {
      if (req.body === undefined) {
        parseJson(req, res, (error?: unknown) => {
          const type = (error as { type?: unknown } | undefined)?.type
          next(type === 'entity.too.large' ? tooLarge : error)
        })
        return
      }
      adoptParsedBody(req)
      next()
    })
  }
}
