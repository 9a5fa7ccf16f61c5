import { ChatStreamError, parseRetryAfter } from '@typewriter-chat/core'
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai'
import { RelayError, UpstreamError, upstreamIncomplete } from '../http/relay-error.js'
import type { RelayLogger } from '../log/logger.js'
import { redactForLog } from './redact.js'

export interface UpstreamErrorBody {
  message?: unknown
  type?: unknown
  code?: unknown
  param?: unknown
}

/**
 * An upstream `code`, `type` or `param` as a client may see it: a short identifier. Anything else
 * (a sentence, markup, a path) stays in the relay's log.
 */
function identifier(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value
  return typeof text === 'string' && /^[\w.[\]-]{1,64}$/.test(text) ? text : undefined
}

/**
 * The upstream's wait as the whole seconds a `Retry-After` header holds: the core reads it (its
 * rule: never shorten a wait), and a fraction rounds up.
 */
function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const seconds = headers === undefined ? undefined : parseRetryAfter(headers)
  return seconds === undefined ? undefined : Math.ceil(seconds)
}

/** `(503, overloaded)`: what a client learns about an upstream failure. */
const label = (status: number | undefined, code: string | undefined): string =>
  [status, code].filter((part) => part !== undefined).join(', ')

function fromStatus(error: APIError, status: number, body: UpstreamErrorBody): RelayError {
  const upstreamCode = identifier(body.code)
  if (status === 401) {
    // Never echo this one: OpenAI's 401 message quotes (part of) the key it was given.
    return new UpstreamError(
      'upstream_auth_failed',
      "The relay's upstream API key was rejected (401). Check OPENAI_API_KEY on the relay.",
      { status: 401, type: 'authentication_error', cause: error },
    )
  }
  if (status === 403) {
    return new UpstreamError(
      'upstream_forbidden',
      "The relay's upstream API key is not allowed to do this (403). Check its project, region or model access.",
      { status: 403, type: 'permission_error', cause: error },
    )
  }
  const param = identifier(body.param)
  const type = identifier(body.type)
  const retryAfter = retryAfterSeconds(error.headers)
  const common = {
    cause: error,
    ...(param !== undefined && { param }),
    ...(retryAfter !== undefined && { retryAfter }),
  }
  const what = label(status, upstreamCode)
  if (status === 429) {
    return new UpstreamError(
      upstreamCode ?? 'upstream_rate_limited',
      `The upstream is limiting this relay's requests (${what}). Try again later.`,
      { ...common, status: 429, type: type ?? 'rate_limit_error' },
    )
  }
  if (status >= 500) {
    return new UpstreamError(upstreamCode ?? 'upstream_error', `The upstream failed (${what}).`, {
      ...common,
      status: 502,
      upstreamStatus: status,
      type: 'upstream_error',
    })
  }
  // Other 4xx (bad parameter, unknown model, context too long) are the client's to fix: status,
  // code and param say what to fix.
  const at = param === undefined ? '' : ` at ${param}`
  return new UpstreamError(
    upstreamCode ?? 'upstream_error',
    `The upstream refused the request (${what})${at}.`,
    { ...common, status, type: type ?? 'invalid_request_error' },
  )
}

/** An `{"error": ...}` event inside the upstream's stream. */
export function upstreamInBandError(body: UpstreamErrorBody, cause: unknown): UpstreamError {
  return inBand(identifier(body.code), identifier(body.type), cause)
}

function inBand(code: string | undefined, type: string | undefined, cause: unknown): UpstreamError {
  const what = code === undefined ? '' : ` (${code})`
  return new UpstreamError(
    code ?? 'upstream_error',
    `The upstream reported an error in the middle of the reply${what}.`,
    { status: 502, type: type ?? 'upstream_error', cause },
  )
}

function mapError(error: unknown): RelayError {
  if (RelayError.isInstance(error)) return error
  if (error instanceof APIConnectionTimeoutError) {
    return new UpstreamError('upstream_timeout', 'The upstream did not answer in time.', {
      status: 504,
      type: 'upstream_error',
      cause: error,
    })
  }
  if (error instanceof APIConnectionError) {
    return new UpstreamError(
      'upstream_unreachable',
      'The upstream model server could not be reached.',
      { status: 502, type: 'upstream_error', cause: error },
    )
  }
  if (error instanceof APIError) {
    const body = (error.error ?? {}) as UpstreamErrorBody
    if (error.status !== undefined) return fromStatus(error, error.status, body)
    return inBand(identifier(body.code), identifier(body.type), error)
  }
  if (ChatStreamError.isInstance(error)) {
    if (error.code === 'incomplete_stream') return upstreamIncomplete()
    const upstreamCode = identifier(error.upstreamCode)
    if (error.code === 'upstream_error') return inBand(upstreamCode, identifier(error.type), error)
    const status = error.status !== undefined && error.status < 500 ? error.status : 502
    const code = upstreamCode ?? error.code
    return new UpstreamError(code, `The upstream stream failed (${label(error.status, code)}).`, {
      status,
      type: identifier(error.type) ?? 'upstream_error',
      cause: error,
    })
  }
  return new UpstreamError(
    'upstream_error',
    'The upstream stream failed: the connection was lost or it sent something unreadable.',
    { status: 502, type: 'upstream_error', cause: error },
  )
}

/** What the upstream said, for the relay's log: its status and its own message, redacted. */
function upstreamDetail(error: unknown, secrets: readonly string[]): string | undefined {
  if (error instanceof APIError) {
    const body = (error.error ?? {}) as UpstreamErrorBody
    const message = typeof body.message === 'string' ? body.message : error.message
    return redactForLog(`${error.status ?? 'in-band'} ${message}`, secrets)
  }
  if (ChatStreamError.isInstance(error)) return redactForLog(error.message, secrets)
  return undefined
}

/**
 * Maps whatever the SDK threw into the {@link RelayError} the relay's client should see: the
 * upstream's status, code and param with a short message of the relay's own, never the upstream's
 * text (HTML error pages, internal addresses, paths and stack frames have all been seen there).
 * With a `logger`, that text goes to the relay's log instead, redacted, and an error that is not
 * an upstream answer at all (a bug) is logged with its stack.
 */
export function mapUpstreamError(
  error: unknown,
  secrets: readonly string[] = [],
  logger?: RelayLogger,
): RelayError {
  const mapped = mapError(error)
  if (logger !== undefined && !RelayError.isInstance(error)) {
    const detail = upstreamDetail(error, secrets)
    if (detail !== undefined) logger.error(`upstream error ${mapped.code}: ${detail}`)
    else
      logger.error(
        `upstream call failed ${mapped.code}: ${redactForLog(String(error), secrets)}`,
        error,
      )
  }
  return mapped
}
