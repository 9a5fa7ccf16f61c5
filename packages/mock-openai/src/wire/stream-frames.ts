import {
  contentChunk,
  finishChunk,
  reasoningChunk,
  roleChunk,
  sseData,
  usageChunk,
  usageOf,
  type ReplyIdentity,
} from './chunk-writer.js'
import type { ReplyPlan } from '../model/reply-plan.js'

/** Something to do at `at` milliseconds after the response started: write bytes, or hang up. */
export type Frame = { at: number; data: string } | { at: number; drop: true }

/**
 * The timeline of a streamed reply, produced lazily so a 20 KB answer never sits in memory as
 * thousands of serialised chunks. Token `i` is due at `delay + i / tps`; the finish chunk one token
 * later (the model still has to produce its end-of-sequence token), then usage and `[DONE]` at once.
 */
export function* streamFrames(plan: ReplyPlan, identity: ReplyIdentity): Generator<Frame> {
  const interval = 1000 / plan.tokensPerSecond
  const start = plan.firstTokenDelayMs
  yield { at: start, data: sseData(roleChunk(identity)) }
  let at = start
  for (const token of plan.reasoning) {
    yield { at, data: sseData(reasoningChunk(identity, token)) }
    at += interval
  }
  for (const [i, token] of plan.content.entries()) {
    if (i === plan.dropAfter) {
      yield { at, drop: true }
      return
    }
    yield { at, data: sseData(contentChunk(identity, token)) }
    at += interval
  }
  // A drop beyond the last token still loses the ending: no finish reason, no [DONE].
  if (plan.dropAfter !== undefined) {
    yield { at, drop: true }
    return
  }
  yield { at, data: sseData(finishChunk(identity, plan.finishReason)) }
  if (plan.includeUsage) yield { at, data: sseData(usageChunk(identity, usageOf(plan))) }
  yield { at, data: sseData('[DONE]') }
}
