/**
 * Machine-readable reasons a chat stream can fail. Stable: UIs switch on them.
 *
 * - `http_error`: the server answered with a non-2xx status before streaming.
 * - `invalid_content_type`: a 2xx answer that is not an event stream (often a proxy's HTML page).
 * - `upstream_error`: an in-band `{"error": ...}` payload arrived in the stream.
 * - `incomplete_stream`: the stream ended without `[DONE]` before every choice had a `finish_reason`
 *   (connection lost; see `FinishTracker`).
 * - `invalid_chunk`: a `data:` payload that is not a valid chat completion chunk, or a line or event
 *   past `SSEDecoder`'s bounds (a body that is not an event stream).
 * - `network_error`: `fetch` itself failed or the body errored while reading.
 * - `first_byte_timeout` / `idle_timeout`: the stall watchdog fired.
 * - `aborted`: the caller's `AbortSignal` fired (a clean stop, not a failure).
 * - `invalid_request`: the request could not be sent as given.
 */
export type ChatStreamErrorCode =
  | 'http_error'
  | 'invalid_content_type'
  | 'upstream_error'
  | 'incomplete_stream'
  | 'invalid_chunk'
  | 'network_error'
  | 'first_byte_timeout'
  | 'idle_timeout'
  | 'aborted'
  | 'invalid_request'

/** Options accepted by {@link ChatStreamError}. */
export interface ChatStreamErrorOptions {
  /**
   * HTTP status, when the error came from an HTTP answer (kept end to end: 401, 429, 502...); the
   * model service's own when a relay reports it in the error body (`error.status`: an upstream 500
   * behind the relay's 502).
   */
  status?: number
  /** OpenAI-style `error.type`, e.g. `invalid_request_error`, `rate_limit_error`. */
  type?: string
  /** OpenAI-style `error.param`. */
  param?: string
  /** The upstream's own `error.code` (string or number), when it differs from ours. */
  upstreamCode?: string
  /** Seconds to wait before retrying, from `Retry-After`. */
  retryAfter?: number
  cause?: unknown
}

// A symbol from the global registry, so `isInstance` works across duplicate installs of this package.
const marker = Symbol.for('@typewriter-chat/core/ChatStreamError')

/**
 * The one error class of the stream core. `code` says what happened; `status`, `type`, `param` and
 * `retryAfter` are present when the error came from an HTTP or upstream answer.
 */
export class ChatStreamError extends Error {
  override readonly name = 'ChatStreamError'
  readonly code: ChatStreamErrorCode
  readonly status: number | undefined
  readonly type: string | undefined
  readonly param: string | undefined
  readonly upstreamCode: string | undefined
  readonly retryAfter: number | undefined
  readonly [marker] = true

  constructor(code: ChatStreamErrorCode, message: string, options: ChatStreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
    this.type = options.type
    this.param = options.param
    this.upstreamCode = options.upstreamCode
    this.retryAfter = options.retryAfter
  }

  /** True for a `ChatStreamError` from any copy of this package (`instanceof` fails across copies). */
  static isInstance(value: unknown): value is ChatStreamError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true
    )
  }

  /** The OpenAI-shaped JSON body for this error: `{ error: { message, type, code, param } }`. */
  toJSON(): { error: { message: string; type: string; code: string; param: string | null } } {
    return {
      error: {
        message: this.message,
        type: this.type ?? 'stream_error',
        code: this.upstreamCode ?? this.code,
        param: this.param ?? null,
      },
    }
  }
}
