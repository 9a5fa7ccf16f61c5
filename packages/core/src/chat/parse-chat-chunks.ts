import { FinishTracker } from './finish-tracker.js'
import { parseChatChunk } from './parse-chat-chunk.js'
import { readSSEBatches } from './read-sse-batches.js'
import type { ChatBody, ParseChatOptions, Reconnect } from './read-sse-batches.js'
import type { ChatCompletionChunk } from './types.js'

/**
 * Reads an OpenAI-compatible `text/event-stream` body and yields its `chat.completion.chunk` objects.
 *
 * - Stops at `data: [DONE]` and cancels the rest of the body.
 * - A stream that ends without `[DONE]` ends normally only if every choice reported a `finish_reason`
 *   (many compatible servers omit `[DONE]`); otherwise it throws `ChatStreamError('incomplete_stream')`:
 *   the connection was lost and the reply is cut short.
 * - An in-band `{"error": ...}` payload (also under `event: error`) throws `ChatStreamError('upstream_error')`
 *   with the upstream's `type`, `code` (as `upstreamCode`), `param` and `status` when present.
 * - Data that is not a chunk throws `ChatStreamError('invalid_chunk')`; events with another `event:`
 *   name are ignored.
 * - Leaving the loop early (`break`, `return`, an exception) or aborting `signal` cancels the body and
 *   releases its reader lock; an abort throws `ChatStreamError('aborted')`, a failing body
 *   `ChatStreamError('network_error')`.
 *
 * @example
 * ```ts
 * const response = await fetch(url, { method: 'POST', body, signal })
 * for await (const chunk of parseChatChunks(response.body!, { signal })) console.log(chunk.choices)
 * ```
 */
export function parseChatChunks(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options?: ParseChatOptions,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  return readChatChunks(body, { signal: options?.signal })
}

/**
 * {@link parseChatChunks}, carried on over a new body by `reconnect` when the body is lost before
 * the reply is complete (see `readSSEBatches`).
 * @internal
 */
export async function* readChatChunks(
  body: ChatBody,
  options: ParseChatOptions & { reconnect?: Reconnect | undefined },
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const tracker = new FinishTracker()
  const batches = readSSEBatches(body, {
    signal: options.signal,
    reconnect: options.reconnect,
    whole: () => tracker.complete,
  })
  for await (const events of batches) {
    for (const event of events) {
      const meaning = parseChatChunk(event)
      if (meaning === undefined) continue
      if (meaning === 'done') return
      tracker.observe(meaning)
      yield meaning
    }
  }
  tracker.assertComplete()
}
