import { FinishTracker, parseChatChunk } from '@typewriter-chat/core'
import type { ChatCompletionChunk, ChatRequest } from '@typewriter-chat/core'
import type OpenAI from 'openai'
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions'
import { jsonAnswerAsEvents } from './json-answer.js'
import { upstreamEvents, type UpstreamEventsOptions } from './upstream-events.js'

/** Options of {@link streamUpstream}. */
export type StreamUpstreamOptions = UpstreamEventsOptions

/**
 * One streamed chat completion from the upstream through the official SDK, always asking for the
 * final usage chunk, read by {@link upstreamEvents} with the core's chunk parser: the reply is
 * settled once every choice finished and the usage arrived (the core's {@link FinishTracker}), and
 * a body that ends before that is the core's `incomplete_stream`.
 */
export function streamUpstream(
  client: OpenAI,
  request: ChatRequest,
  options: StreamUpstreamOptions,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const params = {
    ...request,
    stream: true,
    stream_options: { ...(request.stream_options ?? {}), include_usage: true },
  } as unknown as ChatCompletionCreateParamsStreaming
  return upstreamEvents<ChatCompletionChunk>(
    {
      open: (signal) => client.chat.completions.create(params, { signal }).asResponse(),
      jsonAsEvents: jsonAnswerAsEvents,
      parse: parseChatChunk,
      tracker: new FinishTracker({ usage: true }),
    },
    options,
  )
}
