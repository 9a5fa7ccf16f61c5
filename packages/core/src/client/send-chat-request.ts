import { ChatStreamError } from '../errors/chat-stream-error.js'
import { isEventStream, toContentTypeError } from './content-type.js'
import { toHttpError } from './http-error.js'

/** One chat POST (or, without `body`, the GET that resumes a stream), ready to send. @internal */
export interface ChatRequestInit {
  url: string | URL
  fetch: typeof fetch
  headers: Headers
  body?: string
  signal: AbortSignal
}

function describe(error: unknown): string {
  // Node's fetch fails with "fetch failed" and puts the reason (ECONNREFUSED...) in `cause`.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string') return cause.message
  return error instanceof Error ? error.message : String(error)
}

/**
 * POSTs once (GETs without a body) and returns the response if it is a 2xx event stream; throws
 * `network_error`, `http_error` or `invalid_content_type` otherwise. Never retries: a second POST
 * would start a second, billed generation.
 * @internal
 */
export async function sendChatRequest(init: ChatRequestInit): Promise<Response> {
  // Called unbound: browsers throw "Illegal invocation" when fetch runs with another object as `this`.
  const doFetch = init.fetch
  let response: Response
  try {
    response = await doFetch(init.url, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    })
  } catch (error) {
    throw new ChatStreamError(
      'network_error',
      `Could not reach ${String(init.url)} (${describe(error)}). Check the URL and the connection.`,
      { cause: error },
    )
  }
  if (!response.ok) throw await toHttpError(response)
  if (!isEventStream(response)) throw await toContentTypeError(response)
  return response
}
