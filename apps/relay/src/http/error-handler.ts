import type { ErrorRequestHandler, Response } from 'express'
import type { RelayLogger } from '../log/logger.js'
import { requestLog } from '../log/request-log.js'
import { RelayError, RequestError } from './relay-error.js'

interface HttpErrorLike {
  status?: unknown
  type?: unknown
  expose?: unknown
}

const bodyParserErrors: Record<string, { code: string; status: number; message: string }> = {
  'entity.parse.failed': {
    code: 'invalid_json',
    status: 400,
    message: 'The body is not valid JSON.',
  },
  'entity.too.large': {
    code: 'payload_too_large',
    status: 413,
    // The host app's parser, mounted before the relay, refused it under its own limit.
    message: 'The body is larger than the server accepts.',
  },
  'charset.unsupported': {
    code: 'unsupported_media_type',
    status: 415,
    message: 'The body must be UTF-8 JSON.',
  },
  'encoding.unsupported': {
    code: 'unsupported_media_type',
    status: 415,
    message: 'The body must not use a content encoding the relay cannot read.',
  },
}

/** Turns anything thrown in a route or middleware into a {@link RelayError}. */
export function toRelayError(error: unknown): RelayError {
  if (RelayError.isInstance(error)) return error
  const http = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorLike
  const known = typeof http.type === 'string' ? bodyParserErrors[http.type] : undefined
  if (known !== undefined)
    return new RequestError(known.code, known.message, { ...known, cause: error })
  if (typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
    // Errors from Express' own layers (body reading, routing) whose message is meant for the client.
    const message = http.expose === true && error instanceof Error ? error.message : 'Bad request.'
    return new RequestError('invalid_request', message, { status: http.status, cause: error })
  }
  return new RelayError('internal_error', 'The relay failed unexpectedly; see its log.', {
    status: 500,
    cause: error,
  })
}

/** Answers with the OpenAI-shaped JSON error body (and `Retry-After` when the error carries one). */
export function sendError(res: Response, error: RelayError): void {
  requestLog(res).errorCode = error.code
  if (error.retryAfter !== undefined) res.setHeader('Retry-After', String(error.retryAfter))
  res.status(error.status).json(error.toJSON())
}

/** The last middleware: every error becomes a JSON answer; nothing a client sends can crash the process. */
export function errorHandler(logger: RelayLogger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const relayError = toRelayError(error)
    if (relayError.status >= 500) logger.error(`${req.method} ${req.originalUrl} failed`, error)
    if (res.headersSent) {
      // A stream already started: its writer reports errors in-band; here only the socket can go.
      res.destroy()
      return
    }
    sendError(res, relayError)
  }
}
