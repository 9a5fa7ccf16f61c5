import type { ChatCompletionChunk, ChatUsage } from '@typewriter-chat/core'
import type { RequestLogInfo } from '../log/request-log.js'

/**
 * Counts what a reply has consumed so far. The upstream's usage chunk comes last, so a reply the user
 * stopped has none: then completion tokens are estimated as one per content-bearing chunk, which is
 * how OpenAI-style servers stream (one token per chunk, give or take).
 */
export class UsageTally {
  usage: ChatUsage | undefined
  contentChunks = 0
  /** True once any choice reported a `finish_reason` (a complete reply, not a dropped connection). */
  finished = false

  add(chunk: ChatCompletionChunk): void {
    if (chunk.usage != null) this.usage = chunk.usage
    let carriesText = false
    for (const choice of chunk.choices) {
      const delta = choice.delta
      if (
        (delta.content ?? delta.reasoning_content ?? delta.reasoning ?? delta.refusal ?? '') !==
          '' ||
        (delta.tool_calls?.length ?? 0) > 0
      ) {
        carriesText = true
      }
      if (choice.finish_reason != null) this.finished = true
    }
    if (carriesText) this.contentChunks += 1
  }

  /** Copies the counts into the request's log record. */
  record(info: RequestLogInfo): void {
    if (this.usage !== undefined) {
      info.promptTokens = this.usage.prompt_tokens
      info.completionTokens = this.usage.completion_tokens
      info.approximate = false
    } else if (this.contentChunks > 0) {
      info.completionTokens = this.contentChunks
      info.approximate = true
    }
  }
}
