import type { ChatStreamError } from '@typewriter-chat/core'

/**
 * What went wrong, as a stable key a UI translates (the component has `en` and `zh-CN` texts):
 *
 * - `unauthorized`: 401 / 403, a wrong or missing API key or token.
 * - `rateLimited`: 429; `params.retryAfter` says how long to wait when the server said.
 * - `upstreamUnavailable`: 5xx, the model or a proxy in front of it did not answer.
 * - `connectionLost`: the connection broke before the reply finished.
 * - `unreachable`: the server could not be reached at all (offline, wrong address): nothing arrived.
 * - `timeout`: no first byte, or no bytes for too long in the middle of the reply.
 * - `invalidRequest`: another 4xx, or a request that could not be sent.
 * - `unexpectedResponse`: something other than a chat stream answered (a proxy page, a bad chunk).
 * - `unknown`: anything else, e.g. an in-band error without status.
 */
export type ChatErrorKey =
  | 'unauthorized'
  | 'rateLimited'
  | 'upstreamUnavailable'
  | 'connectionLost'
  | 'unreachable'
  | 'timeout'
  | 'invalidRequest'
  | 'unexpectedResponse'
  | 'unknown'

/** A locale-independent description of a chat error; see {@link describeChatError}. */
export interface ChatErrorDescription {
  key: ChatErrorKey
  params: {
    /** HTTP status, when the error came from an HTTP or upstream answer. */
    status?: number
    /** Whole seconds to wait before retrying, when the server said (`Retry-After`). */
    retryAfter?: number
    /** The error's own message (in English, from the server or the core), for a details line. */
    detail: string
  }
}

// In-band errors carry an OpenAI `type` but often no status.
const TYPE_KEYS: Record<string, ChatErrorKey> = {
  authentication_error: 'unauthorized',
  permission_error: 'unauthorized',
  rate_limit_error: 'rateLimited',
  insufficient_quota: 'rateLimited',
  invalid_request_error: 'invalidRequest',
  server_error: 'upstreamUnavailable',
  // Our relay's type for an upstream stream that broke off after the reply started.
  upstream_error: 'connectionLost',
  overloaded_error: 'upstreamUnavailable',
}

// Codes a relay (ours) puts in an in-band error when the upstream broke off mid-reply: the status
// it carries (502) would otherwise read as "the model is down".
const UPSTREAM_CODE_KEYS: Record<string, ChatErrorKey> = {
  upstream_incomplete: 'connectionLost',
  upstream_timeout: 'timeout',
  upstream_unreachable: 'upstreamUnavailable',
}

/** What {@link describeChatError} may know besides the error. */
export interface ChatErrorContext {
  /**
   * Whether any of the reply had arrived. A network error before anything did means the server
   * was never reached (`unreachable`), not a connection lost mid-reply. Default `true`.
   */
  replyStarted?: boolean
}

function keyOf(error: ChatStreamError, replyStarted: boolean): ChatErrorKey {
  const byUpstreamCode = error.upstreamCode !== undefined && UPSTREAM_CODE_KEYS[error.upstreamCode]
  if (error.code === 'upstream_error' && byUpstreamCode) return byUpstreamCode
  const status = error.status
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 429) return 'rateLimited'
  if (status !== undefined && status >= 500) return 'upstreamUnavailable'
  if (status !== undefined && status >= 400) return 'invalidRequest'
  switch (error.code) {
    case 'network_error':
      return replyStarted ? 'connectionLost' : 'unreachable'
    case 'incomplete_stream':
      return 'connectionLost'
    case 'first_byte_timeout':
    case 'idle_timeout':
      return 'timeout'
    case 'invalid_request':
      return 'invalidRequest'
    case 'invalid_content_type':
    case 'invalid_chunk':
      return 'unexpectedResponse'
    default:
      return (error.type !== undefined ? TYPE_KEYS[error.type] : undefined) ?? 'unknown'
  }
}

/**
 * Says what happened in terms a user can act on: a key to translate plus its parameters. Keys, not
 * sentences, so that the same error reads right in every locale.
 *
 * @example
 * ```ts
 * const { key, params } = describeChatError(chat.error.value)
 * banner.text = t(`error.${key}`, params)
 * ```
 */
export function describeChatError(
  error: ChatStreamError,
  context: ChatErrorContext = {},
): ChatErrorDescription {
  const params: ChatErrorDescription['params'] = { detail: error.message }
  if (error.status !== undefined) params.status = error.status
  if (error.retryAfter !== undefined) params.retryAfter = Math.ceil(error.retryAfter)
  return { key: keyOf(error, context.replyStarted ?? true), params }
}
