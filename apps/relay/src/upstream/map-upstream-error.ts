import { ChatStreamError, parseRetryAfter } from '@typewriter-chat/core'
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai'
import { RelayError, UpstreamError, upstreamIncomplete } from '../http/relay-error.js'
import { redactSecrets } from './redact.js'

interface UpstreamErrorBody {
  message?: unknown
  type?: unknown
  code?: unknown
  param?: unknown
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value
  if (typeof value === 'number') return String(value)
  return undefined
}

/**
 * The upstream's wait as the whole seconds a `Retry-After` header holds: the core reads it (its
 * rule: never shorten a wait), and a fraction rounds up.
 */
function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const seconds = headers === undefined ? undefined : parseRetryAfter(headers)
  return seconds === undefined ? undefined : Math.ceil(seconds)
}

function fromStatus(error: APIError, status: number, secrets: readonly string[]): RelayError {
  const body = (error.error ?? {}) as UpstreamErrorBody
  const upstreamMessage = redactSecrets(asString(body.message) ?? error.message, secrets)
  const upstreamCode = asString(body.code)
  const param = asString(body.param)
  const type = asString(body.type)
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
  const retryAfter = retryAfterSeconds(error.headers)
  const common = {
    cause: error,
    ...(param !== undefined && { param }),
    ...(retryAfter !== undefined && { retryAfter }),
  }
  if (status === 429) {
    return new UpstreamError(upstreamCode ?? 'upstream_rate_limited', upstreamMessage, {
      ...common,
      status: 429,
      type: type ?? 'rate_limit_error',
    })
  }
  if (status >= 500) {
    return new UpstreamError(
      upstreamCode ?? 'upstream_error',
      `Upstream error ${status}: ${upstreamMessage}`,
      {
        ...common,
        status: 502,
        type: 'upstream_error',
      },
    )
  }
  // Other 4xx (bad parameter, unknown model, context too long) are the client's to fix: keep them.
  return new UpstreamError(upstreamCode ?? 'upstream_error', upstreamMessage, {
    ...common,
    status,
    type: type ?? 'invalid_request_error',
  })
}

/**
 * Maps whatever the SDK threw into the {@link RelayError} the relay's client should see, keeping the
 * upstream's meaning (401/403/429/4xx) and never its secrets.
 */
export function mapUpstreamError(error: unknown, secrets: readonly string[] = []): RelayError {
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
      {
        status: 502,
        type: 'upstream_error',
        cause: error,
      },
    )
  }
  if (error instanceof APIError) {
    if (error.status !== undefined) return fromStatus(error, error.status, secrets)
    // An in-band `{"error": ...}` event inside the upstream's stream.
    const body = (error.error ?? {}) as UpstreamErrorBody
    const message = redactSecrets(asString(body.message) ?? error.message, secrets)
    return new UpstreamError(asString(body.code) ?? 'upstream_error', message, {
      status: 502,
      type: asString(body.type) ?? 'upstream_error',
      cause: error,
    })
  }
  if (ChatStreamError.isInstance(error)) {
    if (error.code === 'incomplete_stream') return upstreamIncomplete()
    // Raised by the core's continuation while stitching rounds (e.g. a later round's stream broke).
    const status = error.status !== undefined && error.status < 500 ? error.status : 502
    return new UpstreamError(
      error.upstreamCode ?? error.code,
      redactSecrets(error.message, secrets),
      {
        status,
        type: error.type ?? 'upstream_error',
        cause: error,
      },
    )
  }
  return new UpstreamError(
    'upstream_error',
    'The upstream stream failed: the connection was lost or it sent something unreadable.',
    { status: 502, type: 'upstream_error', cause: error },
  )
}
