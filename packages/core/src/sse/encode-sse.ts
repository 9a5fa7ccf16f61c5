/** The fields of an event to send with {@link encodeSSE}. */
export interface SSEMessage {
  /** Event type; omitted means the client sees `"message"`. */
  event?: string
  /** The payload; newlines of any kind become separate `data:` lines and are restored by the client. */
  data: string
  /** Event ID (becomes the client's `lastEventId`). */
  id?: string
  /** Reconnection time in milliseconds. */
  retry?: number
}

const LINE_BREAK = /\r\n|\r|\n/

function assertSingleLine(name: string, value: string): void {
  // A line break would start a new field and let the value forge fields of its own.
  if (/[\r\n]/.test(value)) throw new TypeError(`SSE ${name} must not contain a line break`)
}

/** Encodes one event in `text/event-stream` format, ending with the blank line that dispatches it. */
export function encodeSSE(message: SSEMessage): string {
  let out = ''
  if (message.event !== undefined) {
    assertSingleLine('event', message.event)
    out += `event: ${message.event}\n`
  }
  if (message.id !== undefined) {
    assertSingleLine('id', message.id)
    if (message.id.includes('\0')) throw new TypeError('SSE id must not contain NUL')
    out += `id: ${message.id}\n`
  }
  if (message.retry !== undefined) {
    if (!Number.isSafeInteger(message.retry) || message.retry < 0) {
      throw new TypeError('SSE retry must be a non-negative integer')
    }
    out += `retry: ${message.retry}\n`
  }
  const data = message.data
  // The usual payload (one line of JSON) skips the split: an array and a regex pass per event.
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) return `${out}data: ${data}\n\n`
  for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`
  return out + '\n'
}

/**
 * Encodes a comment, e.g. the `: ping` heartbeat a relay sends while the model is silent. Clients ignore
 * comments, but every proxy on the way sees bytes flowing and keeps the connection open.
 */
export function encodeSSEComment(comment = ''): string {
  let out = ''
  for (const line of comment.split(LINE_BREAK)) out += line.length > 0 ? `: ${line}\n` : ':\n'
  return out + '\n'
}
