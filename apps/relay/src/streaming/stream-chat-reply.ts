import type { ChatRequest } from '@typewriter-chat/core'
import type { Response } from 'express'
import { openChunkSource } from '../upstream/chunk-source.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { ReplyUsage } from './reply-usage.js'
import { streamReply } from './stream-reply.js'

/**
 * Streams one chat reply in OpenAI's chunk format, ending with `data: [DONE]`; a failure after the
 * stream started is one `data: {"error": ...}` event and no `[DONE]` (see {@link streamReply}).
 */
export function streamChatReply(
  relay: RelayContext,
  request: ChatRequest,
  res: Response,
  options: StreamChatReplyOptions,
): Promise<void> {
  const sendUsage = options.usage ?? true
  const usage = new ReplyUsage()
  return streamReply(relay, res, {
    source: (signal, onAccepted) =>
      openChunkSource(relay, request, { continuation: options.continuation, signal, onAccepted }),
    observe: (chunk) => usage.add(chunk),
    // Counted for the log either way; sent only to a client that asked for it.
    encode: (chunk) =>
      !sendUsage && chunk.usage != null && chunk.choices.length === 0
        ? undefined
        : { data: JSON.stringify(chunk) },
    end: { data: '[DONE]' },
    error: (error) => ({ data: JSON.stringify(error.toJSON()) }),
    record: (log) => usage.record(log),
  })
}

/** Options of {@link streamChatReply}. */
export interface StreamChatReplyOptions {
  continuation: boolean
  /**
   * Send the upstream's usage chunk (`"choices": []`), which the relay always asks for. Default
   * true; OpenAI sends it only when `stream_options.include_usage` is set, and clients that read
   * `choices[0]` of every chunk break on it.
   */
  usage?: boolean
}
