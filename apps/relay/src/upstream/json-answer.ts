import { encodeSSE } from '@typewriter-chat/core'
import { UpstreamError } from '../http/relay-error.js'
import { completionChunks } from './completion-chunks.js'
import { readBounded } from './read-body.js'

/** Whether the upstream answered with JSON (`application/json`, `application/problem+json`...). */
export function isJsonAnswer(response: Response): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '')
}

/** Reads the JSON an upstream answered a streamed request with, as the events it stands for. */
export type JsonAnswerReader = (
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  onData: () => void,
) => Promise<ReadableStream<Uint8Array>>

/**
 * A reader of JSON answers to streamed requests, as the event stream the upstream should have sent:
 * `toEvents` turns the answer (`what` it should be) into the events a stream would have brought;
 * an `{"error": ...}` body becomes the in-band error event, read by the same rules as one in a
 * stream. Held whole to be converted, so at most `maxBytes` of it.
 */
export function jsonAnswerReader(
  what: string,
  toEvents: (value: unknown) => string[] | undefined,
): JsonAnswerReader {
  return async (body, maxBytes, onData) => {
    const source = await readBounded(body, maxBytes, 'a JSON answer', onData)
    let value: unknown
    try {
      value = JSON.parse(source)
    } catch (error) {
      throw notAnAnswer(what, error)
    }
    const error = (value as { error?: unknown } | null)?.error
    if (error !== undefined && error !== null) {
      return eventStream([encodeSSE({ data: JSON.stringify({ error }) })])
    }
    const events = toEvents(value)
    if (events === undefined) throw notAnAnswer(what)
    return eventStream(events)
  }
}

/** A `chat.completion` becomes the chunks a stream would have brought, and `[DONE]`. */
export const jsonAnswerAsEvents = jsonAnswerReader('a chat completion', (value) => {
  const chunks = completionChunks(value)
  if (chunks === undefined) return undefined
  const events = chunks.map((chunk) => encodeSSE({ data: JSON.stringify(chunk) }))
  events.push(encodeSSE({ data: '[DONE]' }))
  return events
})

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

function notAnAnswer(what: string, cause?: unknown): UpstreamError {
  return new UpstreamError(
    'upstream_error',
    `The upstream answered a streamed request with JSON that is not ${what}.`,
    { status: 502, type: 'upstream_error', ...(cause !== undefined && { cause }) },
  )
}
