import type { ReplyMetrics } from './chat-message.js'

/** Measures one request's speed; see {@link createReplyTimer}. */
export interface ReplyTimer {
  /** A content or reasoning delta arrived. */
  token(): void
  /**
   * The request ended. `before` are the figures of the reply being continued (a Stop → Continue, a
   * retry of a failed reply): times add up and the first token stays the first request's.
   * `tokens` are the reply's completion tokens over all its requests, `estimated` when counted
   * rather than reported (core's `UsageTally.estimate`).
   */
  finish(
    before: ReplyMetrics | undefined,
    tokens: number | undefined,
    estimated: boolean,
  ): ReplyMetrics
}

/**
 * Starts timing a request now. Tokens per second are counted from the first token to the last, so the
 * wait before the first token (a reasoning model thinking, a cold start) does not dilute the speed;
 * over a continued reply, the time each request generated adds up.
 */
export function createReplyTimer(now: () => number = () => performance.now()): ReplyTimer {
  const start = now()
  let first: number | undefined
  let last: number | undefined
  return {
    token() {
      last = now()
      first ??= last
    },
    finish(before, tokens, estimated) {
      const metrics: ReplyMetrics = { durationMs: (before?.durationMs ?? 0) + now() - start }
      const ttft = before?.timeToFirstTokenMs ?? (first === undefined ? undefined : first - start)
      if (ttft !== undefined) metrics.timeToFirstTokenMs = ttft
      const generationMs =
        (before?.generationMs ?? 0) + (first === undefined || last === undefined ? 0 : last - first)
      if (generationMs > 0) metrics.generationMs = generationMs
      if (generationMs > 0 && tokens !== undefined && tokens > 0) {
        metrics.tokensPerSecond = tokens / (generationMs / 1000)
        if (estimated) metrics.tokensPerSecondEstimated = true
      }
      return metrics
    },
  }
}
