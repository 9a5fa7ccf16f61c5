import { readChatStream } from '../chat/parse-chat-stream.js'
import type { ChatStream } from './chat-stream.js'
import { createChatStream } from './create-chat-stream.js'
import { openResume, reconnectFor } from './resume-stream.js'
import type { StreamChatOptions } from './stream-chat.js'

/** Options of {@link resumeChat}. */
export interface ResumeChatOptions extends Omit<StreamChatOptions, 'body' | 'continueOnLength'> {
  /**
   * The id (`id:` line) of the last event the caller already has: the stream carries on after it.
   * Default: none, the reply from its start.
   */
  lastEventId?: string
}

/**
 * Follows a reply that a server still holds under `streamId` (the `X-Stream-Id` its chat endpoint
 * answered with), as a {@link ChatStream}: `GET {url}/streams/{streamId}` with `Last-Event-ID`, for
 * instance to finish a reply after a page reload. `url` is the chat endpoint the reply was started
 * on. Nothing is sent again: no second generation starts.
 *
 * The events are those after `lastEventId`, so a caller that kept the text so far appends them to
 * it. The stream behaves as `streamChat`'s: it resumes again after a drop, stopping it also stops
 * the generation on the server, and an expired or unknown stream fails with `http_error` (404,
 * `upstreamCode` `stream_not_found`).
 *
 * @example
 * ```ts
 * const stream = resumeChat(saved.streamId, { url: '/api/chat', lastEventId: saved.lastEventId })
 * for await (const event of stream) if (event.type === 'content') output.append(event.text)
 * ```
 */
export function resumeChat(streamId: string, options: ResumeChatOptions): ChatStream {
  const lastEventId = options.lastEventId ?? ''
  return createChatStream(options, {
    streamId,
    lastEventId,
    open: (context) => openResume(streamId, lastEventId, context),
    async *events(first, context) {
      const round = await first
      yield* readChatStream(round.body, {
        signal: context.signal,
        reconnect: reconnectFor(round, context, streamId),
        onEventId: (id) => (context.lastEventId = id),
      })
    },
  })
}
