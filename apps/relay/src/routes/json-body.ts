import express from 'express'
import type { Request, RequestHandler } from 'express'
import { requireJson } from '../http/route-guards.js'

/** The most the chat routes read: `express.json`'s `1mb`. */
const LIMIT = 1024 * 1024

const parseJson = express.json({ limit: LIMIT, type: 'application/json' })

/** `application/json`, in UTF-8 or without a charset: what every client of the relay sends. */
const PLAIN_JSON = /^application\/json[ \t]*(?:;[ \t]*charset="?utf-8"?[ \t]*)?$/i
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

/** The usual request: sized, uncompressed, UTF-8, and not read yet. */
function isPlain(req: Request): boolean {
  const { headers } = req
  const length = Number(headers['content-length'])
  return (
    PLAIN_JSON.test(headers['content-type'] ?? '') &&
    Number.isInteger(length) &&
    length <= LIMIT &&
    headers['transfer-encoding'] === undefined &&
    (headers['content-encoding'] === undefined || headers['content-encoding'] === 'identity') &&
    req.readable &&
    req.readableFlowing === null
  )
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
 * The body of the chat routes: JSON only (415 otherwise), 1 MB at most, objects and arrays only.
 * The usual request (see {@link isPlain}) is read and parsed here with the same outcomes as
 * `express.json` (its content type, charset, size and decoding checks, the stream plumbing and
 * iconv cost about 3% of a short reply's CPU); anything else, and every error it has to judge
 * (too large, compressed, other charsets), still goes through `express.json`.
 */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (req.body !== undefined) {
    requireJson(req, res, () => {
      adoptParsedBody(req)
      next()
    })
    return
  }
  if (!isPlain(req)) {
    requireJson(req, res, () => parseJson(req, res, next))
    return
  }
  const chunks: Buffer[] = []
  const onData = (chunk: Buffer): void => void chunks.push(chunk)
  const onError = (): void => {
    req.off('data', onData).off('end', onEnd)
    next(bodyError('request aborted', 'request.aborted'))
  }
  const onEnd = (): void => {
    req.off('data', onData).off('error', onError)
    try {
      req.body = parseStrict(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))
    } catch (error) {
      next(error)
      return
    }
    next()
  }
  req.on('data', onData).once('end', onEnd).once('error', onError)
}
