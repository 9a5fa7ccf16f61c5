import type { MockDelta, MockErrorObject, MockUsage } from '../script/mock-plan.js'

/** One delta and the pacing step it is due at (all choices of one step go out together). */
export interface StepDelta {
  step: number
  delta: MockDelta
}

/**
 * A chat reply ready to be written, whoever composed it (the mock model or a scripted plan): the one
 * shape the wire writers take, streamed or as one `chat.completion`.
 */
export interface ChatReply {
  /** The completion id; a fresh one when not set. */
  id?: string
  model: string
  /** How many choices the reply has (`n`); each gets a role chunk and a finish. */
  choices: number
  deltas: readonly StepDelta[]
  /** The finish sent, per choice, for every choice that no delta finished; `null`: none. */
  finishReasons: readonly (string | null)[]
  usage: MockUsage
  /** `stream_options.include_usage`: `usage: null` on every chunk, and a usage chunk at the end. */
  includeUsage: boolean
  done: boolean
  /** Time between pacing steps, ms; the finish goes out one step after the last delta. */
  stepMs: number
  firstChunkDelayMs: number
  /** Misbehaviour, counted in deltas. */
  dropAfter?: number
  endAfter?: number
  errorAfter?: { chunks: number; error: MockErrorObject }
  /** Cut the body into writes of at most this many bytes, `stepMs` apart. */
  writeSize?: number
  /** Awaited before delta `index` (and before the ending, index `deltas.length`) is streamed. */
  beforeChunk?: (index: number) => void | PromiseLike<void>
}

/** The numbers OpenAI reports: a token per delta that carries text or a tool call. */
export function countUsage(deltas: readonly StepDelta[], promptTokens: number): MockUsage {
  let completion = 0
  let reasoning = 0
  for (const { delta } of deltas) {
    if (delta.reasoning_content !== undefined) reasoning++
    if (
      delta.content !== undefined ||
      delta.reasoning_content !== undefined ||
      delta.refusal !== undefined ||
      delta.tool_calls !== undefined
    ) {
      completion++
    }
  }
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}
