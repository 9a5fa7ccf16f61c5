import { createChunkDecoder } from './chunk-decoder.js'
import type { ChatCompletionChunk, ChatStreamEvent } from './types.js'

/**
 * Turns chat completion chunks into typed events: `meta` (first chunk, and again when `id` or `model`
 * change), `continuation`, `reasoning` (`reasoning_content` or `reasoning`), `content`, `refusal`,
 * `tool-call` (one per delta fragment), `finish` and `usage`. Empty strings and nulls yield nothing,
 * so the role-only first chunk yields only `meta`.
 */
export async function* toChatEvents(
  chunks: AsyncIterable<ChatCompletionChunk>,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const decoder = createChunkDecoder()
  for await (const chunk of chunks) {
    for (const event of decoder.decode(chunk)) yield event
  }
}
