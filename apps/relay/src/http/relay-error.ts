/**
 * Machine-readable reasons the relay answers with an error. Stable: clients switch on them.
 * Upstream errors keep the upstream's own `code` when it sent one (e.g. `insufficient_quota`).
 */
export type RelayErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'not_found'
  | 'model_not_found'
  | 'unauthorized'
  | 'cors_forbidden'
  | 'host_not_allowed'
  | 'rate_limit_exceeded'
  | 'upstream_auth_failed'
  | 'upstream_forbidden'
  | 'upstream_rate_limited'
  | 'upstream_error'
  | 'upstream_unreachable'
  | 'upstream_timeout'
  | 'upstream_incomplete'
  | 'internal_error'
  | 'server_shutting_down'
  | 'stream_not_found'
  | 'stream_stopped'
  | 'stream_interrupted'
  | 'stream_too_large'
  | (string & {})

/** Options accepted by {@link RelayError}. */
export interface RelayErrorOptions {
  /** HTTP status to answer with when the stream has not started yet. */
  status?: number
  /** OpenAI-style `error.type`, e.g. `invalid_request_error`. */
  type?: string
  /** The request field at fault, OpenAI-style (`messages[0].role`). */
  param?: string
  /** Seconds a client should wait, sent as `Retry-After`. */
  retryAfter?: number
  /**
   * The status the upstream answered, when it differs from `status` (an upstream 500 is the relay's
   * 502): sent as `error.status` so a client reports what the model service said.
   */
  upstreamStatus?: number
  cause?: unknown
}

/** The JSON body of every relay error, OpenAI's shape. */
export interface RelayErrorBody {
  error: { message: string; type: string; code: string; param: string | null; status?: number }
}

const marker = Symbol.for('@typewriter-chat/relay/RelayError')

/**
 * The relay's error class. Everything a route throws ends up as one of these, answered as
 * `{ "error": { message, type, code, param } }` before the stream starts or as one SSE error event after.
 */
export class RelayError extends Error {
  override readonly name: string = 'RelayError'
  readonly code: RelayErrorCode
  readonly status: number
  readonly type: string
  readonly param: string | undefined
  readonly retryAfter: number | undefined
  readonly upstreamStatus: number | undefined
  readonly [marker] = true

  constructor(code: RelayErrorCode, message: string, options: RelayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status ?? 500
    this.type = options.type ?? (this.status < 500 ? 'invalid_request_error' : 'server_error')
    this.param = options.param
    this.retryAfter = options.retryAfter
    this.upstreamStatus = options.upstreamStatus
  }

  /** True for a `RelayError` from any copy of this package (`instanceof` fails across copies). */
  static isInstance(value: unknown): value is RelayError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true
    )
  }

  toJSON(): RelayErrorBody {
    const error: RelayErrorBody['error'] = {
      message: this.message,
      type: this.type,
      code: this.code,
      param: this.param ?? null,
    }
    if (this.upstreamStatus !== undefined) error.status = this.upstreamStatus
    return { error }
  }
}

/** The client sent something the relay will not forward (4xx). */
export class RequestError extends RelayError {
  override readonly name = 'RequestError'
}

/** The upstream model server failed or refused; `status` is what the relay's client should see. */
export class UpstreamError extends RelayError {
  override readonly name = 'UpstreamError'
}

/** The upstream's reply ended with no `finish_reason`: a lost connection, never a normal end. */
export function upstreamIncomplete(): UpstreamError {
  return new UpstreamError(
    'upstream_incomplete',
    'The upstream connection ended before the reply was complete.',
    { status: 502, type: 'upstream_error' },
  )
}
