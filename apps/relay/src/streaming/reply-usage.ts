import { UsageTally } from '@typewriter-chat/core'
import type { ChatCompletionChunk } from '@typewriter-chat/core'
import type { RequestLogInfo } from '../log/request-log.js'

/**
 * What a reply consumed, for its log record, by the core's rule: the last report of a round wins,
 * rounds add up, and a round stopped before its usage (which comes last) is counted from its chunks.
 */
export class ReplyUsage {
  readonly #usage = new UsageTally()
  #round = 0

  add(chunk: ChatCompletionChunk): void {
    if (chunk.continuation != null) this.#round = chunk.continuation.round
    if (chunk.usage != null) this.#usage.record(chunk.usage, this.#round)
    const generated = chunk.choices.some(
      ({ delta }) =>
        (delta.content ?? delta.reasoning_content ?? delta.reasoning ?? delta.refusal ?? '') !==
          '' || (delta.tool_calls?.length ?? 0) > 0,
    )
    if (generated) this.#usage.countChunk(this.#round)
  }

  /** Copies the counts into the request's log record. */
  record(info: RequestLogInfo): void {
    const estimate = this.#usage.estimate
    if (estimate === undefined) return
    // Prompt tokens are only known from the rounds that reported them.
    const reported = this.#usage.total
    if (reported !== undefined) info.promptTokens = reported.prompt_tokens
    info.completionTokens = estimate.usage.completion_tokens
    info.approximate = estimate.approximate
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
