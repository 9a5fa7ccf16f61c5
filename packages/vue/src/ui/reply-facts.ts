import type { ChatMessageItem } from '../chat/chat-message.js'
import { formatLabel } from './locales.js'
import type { TypewriterChatLabels } from './locales.js'

/**
 * The speed and usage figures shown under a finished reply, each already in words: tokens used,
 * time to first token, tokens per second. Only what the reply actually measured is listed.
 */
export function replyFacts(message: ChatMessageItem, labels: TypewriterChatLabels): string[] {
  const facts: string[] = []
  const tokens = message.usage?.completion_tokens
  if (tokens !== undefined) {
    const approx = message.usageEstimated === true ? '~' : ''
    facts.push(formatLabel(labels.tokens, { count: tokens, approx }))
  }
  const metrics = message.metrics
  if (metrics?.timeToFirstTokenMs !== undefined) {
    const seconds = (metrics.timeToFirstTokenMs / 1000).toFixed(2)
    facts.push(formatLabel(labels.firstToken, { seconds }))
  }
  if (metrics?.tokensPerSecond !== undefined && Number.isFinite(metrics.tokensPerSecond)) {
    facts.push(
      formatLabel(labels.tokensPerSecond, {
        rate: metrics.tokensPerSecond.toFixed(metrics.tokensPerSecond < 10 ? 1 : 0),
        approx: metrics.tokensPerSecondEstimated === true ? '~' : '',
      }),
    )
  }
  return facts
}
