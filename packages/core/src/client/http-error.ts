import { toUpstreamError } from '../chat/upstream-error.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ChatStreamErrorOptions } from '../errors/chat-stream-error.js'
import { excerpt, readBodyPrefix } from './body-excerpt.js'
import { parseRetryAfter } from './retry-after.js'

function statusHint(status: number, retryAfter: number | undefined): string {
  if (status === 401 || status === 403) return 'Check the API key or access token.'
  if (status === 404) return 'Check the endpoint URL.'
  if (status === 413) return 'The request is too large: shorten the conversation.'
  if (status === 429) {
    return retryAfter === undefined
      ? 'Too many requests: wait a moment and retry.'
      : `Too many requests: retry in ${retryAfter} s.`
  }
  if (status === 502 || status === 503 || status === 504) {
    return 'The server, or a proxy in front of it, could not get an answer from the model.'
  }
  if (status >= 500) return 'The server failed; retrying later may help.'
  return ''
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Reads the JSON `message` or `detail` some non-OpenAI servers (FastAPI, gateways) answer with. */
function plainMessage(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  for (const key of ['message', 'detail']) {
    const value = (payload as Record<string, unknown>)[key]
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/**
 * Turns a non-2xx answer into `ChatStreamError('http_error')` with its `status` and `retryAfter`.
 * An OpenAI-shaped body `{ error: { message, type, code, param } }` gives the message, `type`,
 * `upstreamCode` and `param`, and its `status`, when a relay put the upstream's there, replaces the
 * relay's own; any other body is quoted in a message that names the status.
 * @internal
 */
export async function toHttpError(response: Response): Promise<ChatStreamError> {
  const status = response.status
  const retryAfter = parseRetryAfter(response.headers)
  const options: ChatStreamErrorOptions = { status }
  if (retryAfter !== undefined) options.retryAfter = retryAfter
  const text = await readBodyPrefix(response)
  const payload = parseJson(text)
  const error = (payload as { error?: unknown } | undefined)?.error
  if (typeof payload === 'object' && payload !== null && error != null) {
    const upstream = toUpstreamError(error)
    if (upstream.type !== undefined) options.type = upstream.type
    if (upstream.param !== undefined) options.param = upstream.param
    if (upstream.upstreamCode !== undefined) options.upstreamCode = upstream.upstreamCode
    // A relay that knows the model service's own status says so in the body (ours: an upstream 500
    // is its 502): the user is told what the model service said.
    if (upstream.status !== undefined) options.status = upstream.status
    return new ChatStreamError('http_error', upstream.message, options)
  }
  const statusLine = `${status}${response.statusText ? ` ${response.statusText}` : ''}`
  const quoted = plainMessage(payload) ?? excerpt(text)
  const message = [
    `The server answered HTTP ${statusLine}${quoted ? `: ${quoted}` : '.'}`,
    statusHint(status, retryAfter),
  ]
  return new ChatStreamError('http_error', message.filter(Boolean).join(' '), options)
}
