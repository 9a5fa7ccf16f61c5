import type { ChatUsage } from '@typewriter-chat/core'
import type { ReplyMetrics } from './chat-message.js'

// Han, kana and hangul run about one token per character; other text about four characters a token.
const DENSE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu

/** A rough token count for speed display when the server reports no usage. */
export function estimateTokens(text: string): number {
  const dense = text.match(DENSE_SCRIPT)?.length ?? 0
  return dense + Math.ceil((text.length - dense) / 4)
}

/** Measures one request's speed; see {@link createReplyTimer}. */
export interface ReplyTimer {
  /** A content or reasoning delta arrived. */
  token(): void
  /**
   * The stream ended. Tokens per second come from `usage.completion_tokens` when given, else from an
   * estimate over `generatedText` (marked `tokensPerSecondEstimated`).
   */
  finish(usage: ChatUsage | undefined, generatedText: string): ReplyMetrics
}

/**
 * Starts timing a request now. Tokens per second are counted from the first token to the last, so the
 * wait before the first token (a reasoning model thinking, a cold start) does not dilute the speed.
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
    finish(usage, generatedText) {
      const metrics: ReplyMetrics = { durationMs: now() - start }
      if (first === undefined || last === undefined) return metrics
      metrics.timeToFirstTokenMs = first - start
      const seconds = (last - first) / 1000
      const tokens = usage?.completion_tokens ?? estimateTokens(generatedText)
      if (seconds > 0 && tokens > 0) {
        metrics.tokensPerSecond = tokens / seconds
        if (usage === undefined) metrics.tokensPerSecondEstimated = true
      }
      return metrics
    },
  }
}
