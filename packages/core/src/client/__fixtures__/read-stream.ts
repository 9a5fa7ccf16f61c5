// Test helpers: reading a ChatStream the way the client tests check it.
import type { ChatStreamEvent } from '../../chat/types.js'
import type { ChatStream } from '../chat-stream.js'

/** The content text of `events`, choices mixed (the tests stream one choice). */
export function text(events: ChatStreamEvent[]): string {
  return events.map((event) => (event.type === 'content' ? event.text : '')).join('')
}

/** Every event of `stream`; rejects with its error. */
export async function collect(stream: ChatStream): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}

/** Reads `stream` to its end: the events it gave, and the error it ended with, if any. */
export async function drain(
  stream: ChatStream,
): Promise<{ events: ChatStreamEvent[]; error?: unknown }> {
  const events: ChatStreamEvent[] = []
  try {
    for await (const event of stream) events.push(event)
    return { events }
  } catch (error) {
    return { events, error }
  }
}
