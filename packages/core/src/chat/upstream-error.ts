import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ChatStreamErrorOptions } from '../errors/chat-stream-error.js'

/**
 * Turns the `error` member of an in-band payload into a `ChatStreamError('upstream_error')`.
 * Accepts OpenAI's `{ message, type, code, param }` object and the bare string some servers send.
 * @internal
 */
export function toUpstreamError(error: unknown): ChatStreamError {
  if (typeof error === 'string') {
    return new ChatStreamError('upstream_error', error || 'The upstream reported an error.')
  }
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >
  const options: ChatStreamErrorOptions = {}
  if (typeof fields.type === 'string') options.type = fields.type
  if (typeof fields.param === 'string') options.param = fields.param
  if (typeof fields.code === 'string' || typeof fields.code === 'number') {
    options.upstreamCode = String(fields.code)
  }
  // Relays (ours included) and some gateways carry the upstream HTTP status inside the payload, so a
  // 429 or 502 that happened mid-stream still reaches the UI as such.
  if (typeof fields.status === 'number') options.status = fields.status
  const message =
    typeof fields.message === 'string' && fields.message.length > 0
      ? fields.message
      : 'The upstream reported an error.'
  return new ChatStreamError('upstream_error', message, options)
}
