import type { SSEEvent } from '../sse/sse-decoder.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ChatCompletionChunk } from './types.js'
import { toUpstreamError } from './upstream-error.js'

const PREVIEW_LENGTH = 200

function preview(data: string): string {
  return data.length > PREVIEW_LENGTH ? `${data.slice(0, PREVIEW_LENGTH)}…` : data
}

function hasError(payload: unknown): payload is { error: unknown } {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { error?: unknown }).error !== undefined &&
    (payload as { error?: unknown }).error !== null
  )
}

/**
 * Reads one SSE event of an OpenAI chat stream: the `chat.completion.chunk` it carries, `'done'` for
 * `data: [DONE]`, or `undefined` for an event that carries nothing for a chat stream (another
 * `event:` name). The per-event step of `parseChatChunks`, for code that decodes with `SSEDecoder`
 * itself: a server pushing chunks on as bytes arrive, with no promise per chunk. Pair it with
 * {@link FinishTracker} to tell a complete reply from a lost connection.
 *
 * @throws `ChatStreamError('upstream_error')` for an in-band `{"error": ...}` payload (also under
 *   `event: error`), with the upstream's `type`, `code`, `param` and `status`;
 *   `ChatStreamError('invalid_chunk')` for data that is not a chat completion chunk.
 *
 * @example
 * ```ts
 * const decoder = new SSEDecoder()
 * const tracker = new FinishTracker()
 * socket.on('data', (bytes) => {
 *   for (const event of decoder.feed(bytes)) {
 *     const chunk = parseChatChunk(event)
 *     if (chunk === 'done') return finish()
 *     if (chunk === undefined) continue
 *     tracker.observe(chunk)
 *     forward(chunk)
 *   }
 * })
 * socket.on('end', () => tracker.assertComplete()) // no [DONE]: every choice must have finished
 * ```
 */
export function parseChatChunk(event: SSEEvent): ChatCompletionChunk | 'done' | undefined {
  if (event.event !== 'message') {
    if (event.event !== 'error') return undefined
    // Some servers name their error events; only a payload we understand is worth failing for.
    let payload: unknown
    try {
      payload = JSON.parse(event.data)
    } catch {
      return undefined
    }
    if (hasError(payload)) throw toUpstreamError(payload.error)
    return undefined
  }
  const data = event.data
  if (data === '[DONE]') return 'done'
  let payload: unknown
  try {
    payload = JSON.parse(data)
  } catch (cause) {
    throw new ChatStreamError(
      'invalid_chunk',
      `The stream sent data that is not JSON: ${preview(data)}`,
      { cause },
    )
  }
  if (hasError(payload)) throw toUpstreamError(payload.error)
  if (
    typeof payload !== 'object' ||
    payload === null ||
    !Array.isArray((payload as { choices?: unknown }).choices)
  ) {
    throw new ChatStreamError(
      'invalid_chunk',
      `The stream sent JSON that is not a chat completion chunk (no "choices" array): ${preview(data)}`,
    )
  }
  return payload as ChatCompletionChunk
}
