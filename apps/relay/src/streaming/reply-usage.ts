import { UsageTally } from '@typewriter-chat/core'
import type { ChatCompletionChunk } from '@typewriter-chat/core'
import type { RequestLogInfo } from '../log/request-log.js'

/**
 * What a reply consumed, for its log record. The upstream's usage is tallied by the core's rule
 * (the last report of a round wins, rounds add up). It comes last, so a reply the user stopped has
 * none: then completion tokens are estimated as one per content-bearing chunk, which is how
 * OpenAI-style servers stream (one token per chunk, give or take).
 */
export class ReplyUsage {
  readonly #usage = new UsageTally()
  #round = 0
  #contentChunks = 0

  add(chunk: ChatCompletionChunk): void {
    if (chunk.continuation != null) this.#round = chunk.continuation.round
    if (chunk.usage != null) this.#usage.record(chunk.usage, this.#round)
    for (const choice of chunk.choices) {
      const delta = choice.delta
      if (
        (delta.content ?? delta.reasoning_content ?? delta.reasoning ?? delta.refusal ?? '') !==
          '' ||
        (delta.tool_calls?.length ?? 0) > 0
      ) {
        this.#contentChunks += 1
        return
      }
    }
  }

  /** Copies the counts into the request's log record. */
  record(info: RequestLogInfo): void {
    const usage = this.#usage.total
    recordTokens(
      info,
      usage && { prompt: usage.prompt_tokens, completion: usage.completion_tokens },
      this.#contentChunks,
    )
  }
}

/** Writes the exact counts into `info` when there are some, else the estimate (if any). */
export function recordTokens(
  info: RequestLogInfo,
  exact: { prompt: number; completion: number } | undefined,
  estimate: number,
): void {
  if (exact !== undefined) {
    info.promptTokens = exact.prompt
    info.completionTokens = exact.completion
    info.approximate = false
  } else if (estimate > 0) {
    info.completionTokens = estimate
    info.approximate = true
  }
}
