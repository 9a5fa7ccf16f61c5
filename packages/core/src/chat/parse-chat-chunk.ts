import type { SSEEvent } from '../sse/sse-decoder.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ChatCompletionChunk } from './types.js'
import { toUpstreamError } from './upstream-error.js'

/** What one SSE event means for a chat stream: a chunk, the `[DONE]` marker, or nothing. */
export type EventMeaning = ChatCompletionChunk | 'done' | undefined

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
 * Interprets one SSE event of an OpenAI chat stream: a chunk, `'done'` for `[DONE]`, or `undefined`
 * for events that carry nothing for us. Throws `upstream_error` for an in-band error payload and
 * `invalid_chunk` for data that is not a chunk. The per-event step of `parseChatChunks`, for
 * callers that decode with `SSEDecoder` themselves (a relay pushing chunks as bytes arrive,
 * without a promise per chunk).
 */
export function parseEventData(event: SSEEvent): EventMeaning {
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
