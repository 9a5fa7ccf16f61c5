import { createParser } from 'eventsource-parser'
import type { SSEItem } from './helpers.js'

/** A gate for the mock's `beforeChunk`: chunks from `from` on wait until `open()` is called. */
export function holdFrom(from: number): {
  beforeChunk: (index: number) => Promise<void> | undefined
  open: () => void
} {
  let open = (): void => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { beforeChunk: (index) => (index >= from ? opened : undefined), open }
}

/**
 * Reads SSE events from `source` (a response, or the reader a previous call returned, to read on)
 * until `enough` says so or the body ends, then leaves the rest unread (the caller hangs up or
 * reads on).
 */
export async function readUntil(
  source: Response | ReadableStreamDefaultReader<Uint8Array>,
  enough: (events: readonly SSEItem[]) => boolean = () => false,
): Promise<{ events: SSEItem[]; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const events: SSEItem[] = []
  const parser = createParser({
    onEvent: (event) => events.push({ id: event.id, data: event.data }),
  })
  const reader =
    source instanceof Response ? (source.body as ReadableStream<Uint8Array>).getReader() : source
  const decoder = new TextDecoder()
  while (!enough(events)) {
    const read = await reader.read()
    if (read.done) break
    parser.feed(decoder.decode(read.value, { stream: true }))
  }
  return { events, reader }
}

/** The error code of an in-band error event, or undefined for any other event. */
export function errorCodeOf(event: SSEItem | undefined): string | undefined {
  if (event === undefined || event.data === '[DONE]') return undefined
  const parsed = JSON.parse(event.data) as { error?: { code?: string } }
  return parsed.error?.code
}
