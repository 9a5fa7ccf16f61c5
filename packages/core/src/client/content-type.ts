import { ChatStreamError } from '../errors/chat-stream-error.js'
import { excerpt, readBodyPrefix } from './body-excerpt.js'

/** True when the answer is declared as `text/event-stream` (parameters such as charset ignored). @internal */
export function isEventStream(response: Response): boolean {
  const type = response.headers.get('content-type') ?? ''
  return type.split(';')[0]?.trim().toLowerCase() === 'text/event-stream'
}

/**
 * The error for a 2xx answer that is not an event stream: most often an HTML page from a proxy, a
 * captive portal or a login wall, sometimes a server that ignored `"stream": true` and sent JSON.
 * @internal
 */
export async function toContentTypeError(response: Response): Promise<ChatStreamError> {
  const type = response.headers.get('content-type')
  const quoted = excerpt(await readBodyPrefix(response))
  return new ChatStreamError(
    'invalid_content_type',
    `Expected an event stream (text/event-stream) but got ${type === null ? 'no content type' : type}` +
      ` with HTTP ${response.status}: something other than the chat API may be answering (a proxy,` +
      ` a login page, or a server that ignored "stream": true).${quoted ? ` Response: ${quoted}` : ''}`,
    { status: response.status },
  )
}
