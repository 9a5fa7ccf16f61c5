import { Readable } from 'node:stream'
import { encodeSSE } from '@typewriter-chat/core'
import { UpstreamError } from '../http/relay-error.js'
import { completionChunks } from './completion-chunks.js'
import { upstreamTooLarge } from './too-large.js'

/** Whether the upstream answered with JSON (`application/json`, `application/problem+json`...). */
export function isJsonAnswer(response: Response): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '')
}

/** Reads a whole body, refusing more than `maxBytes`; `onData` hears of every read. */
async function readBounded(body: Readable, maxBytes: number, onData: () => void): Promise<string> {
  const parts: Buffer[] = []
  let size = 0
  for await (const part of body as AsyncIterable<Buffer>) {
    onData()
    size += part.length
    if (size > maxBytes) {
      body.destroy()
      throw upstreamTooLarge(`a JSON answer larger than ${maxBytes} bytes`)
    }
    parts.push(part)
  }
  return Buffer.concat(parts).toString('utf8')
}

/**
 * A JSON answer to a streamed request, as the event stream the upstream should have sent: a
 * `chat.completion` becomes the chunks a stream would have brought and `[DONE]`; an `{"error": ...}`
 * body becomes the in-band error event, read by the same rules as one in a stream. Held whole to
 * be converted, so at most `maxBytes` of it.
 */
export async function jsonAnswerAsEvents(
  body: Readable,
  maxBytes: number,
  onData: () => void,
): Promise<Readable> {
  const source = await readBounded(body, maxBytes, onData)
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch (error) {
    throw notACompletion(error)
  }
  const error = (value as { error?: unknown } | null)?.error
  if (error !== undefined && error !== null) {
    return Readable.from([encodeSSE({ data: JSON.stringify({ error }) })])
  }
  const chunks = completionChunks(value)
  if (chunks === undefined) throw notACompletion()
  const events = chunks.map((chunk) => encodeSSE({ data: JSON.stringify(chunk) }))
  events.push(encodeSSE({ data: '[DONE]' }))
  return Readable.from(events)
}

function notACompletion(cause?: unknown): UpstreamError {
  return new UpstreamError(
    'upstream_error',
    'The upstream answered a streamed request with JSON that is not a chat completion.',
    { status: 502, type: 'upstream_error', ...(cause !== undefined && { cause }) },
  )
}
