import { encodeSSE } from '@typewriter-chat/core'
import { UpstreamError } from '../http/relay-error.js'
import { completionChunks } from './completion-chunks.js'
import { readBounded } from './read-body.js'

/** Whether the upstream answered with JSON (`application/json`, `application/problem+json`...). */
export function isJsonAnswer(response: Response): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '')
}

/**
 * A JSON answer to a streamed request, as the event stream the upstream should have sent: a
 * `chat.completion` becomes the chunks a stream would have brought and `[DONE]`; an `{"error": ...}`
 * body becomes the in-band error event, read by the same rules as one in a stream. Held whole to
 * be converted, so at most `maxBytes` of it.
 */
export async function jsonAnswerAsEvents(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  onData: () => void,
): Promise<ReadableStream<Uint8Array>> {
  const source = await readBounded(body, maxBytes, 'a JSON answer', onData)
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch (error) {
    throw notACompletion(error)
  }
  const error = (value as { error?: unknown } | null)?.error
  if (error !== undefined && error !== null) {
    return eventStream([encodeSSE({ data: JSON.stringify({ error }) })])
  }
  const chunks = completionChunks(value)
  if (chunks === undefined) throw notACompletion()
  const events = chunks.map((chunk) => encodeSSE({ data: JSON.stringify(chunk) }))
  events.push(encodeSSE({ data: '[DONE]' }))
  return eventStream(events)
}

/** The events as the body of an event stream, all available at once. */
function eventStream(events: string[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(events.join(''))
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

function notACompletion(cause?: unknown): UpstreamError {
  return new UpstreamError(
    'upstream_error',
    'The upstream answered a streamed request with JSON that is not a chat completion.',
    { status: 502, type: 'upstream_error', ...(cause !== undefined && { cause }) },
  )
}
