import { randomBytes } from 'node:crypto'
import type OpenAI from 'openai'
import type { ReplyPlan } from '../model/reply-plan.js'

type Chunk = OpenAI.ChatCompletionChunk
type Delta = OpenAI.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string }

/** The fields every chunk of one reply repeats. */
export interface ReplyIdentity {
  id: string
  created: number
  model: string
  /** OpenAI adds `"usage": null` to every chunk once `stream_options.include_usage` is set. */
  includeUsage: boolean
}

/** A fixed fingerprint: real servers change it only when their backend configuration changes. */
const SYSTEM_FINGERPRINT = 'fp_m0ck7e57ab'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A fresh `chatcmpl-…` id (29 random characters, like OpenAI's) and the current time. */
export function createIdentity(model: string, includeUsage: boolean): ReplyIdentity {
  const id = Array.from(randomBytes(29), (byte) => ALPHABET[byte % ALPHABET.length]).join('')
  return { id: `chatcmpl-${id}`, created: Math.floor(Date.now() / 1000), model, includeUsage }
}

/** One SSE event as OpenAI frames it: a single `data:` line and a blank line, no `id:` or `event:`. */
export function sseData(payload: Chunk | '[DONE]'): string {
  return `data: ${payload === '[DONE]' ? payload : JSON.stringify(payload)}\n\n`
}

function chunk(
  identity: ReplyIdentity,
  choices: Chunk['choices'],
  usage: OpenAI.CompletionUsage | null = null,
): Chunk {
  // Key order follows OpenAI's own output, so byte-level fixtures recorded from the mock look real.
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...(identity.includeUsage && { usage }),
  }
}

function deltaChunk(
  identity: ReplyIdentity,
  delta: Delta,
  finishReason: 'stop' | 'length' | null = null,
): Chunk {
  return chunk(identity, [{ index: 0, delta, logprobs: null, finish_reason: finishReason }])
}

/** The first chunk: the role and an empty content, nothing else. */
export const roleChunk = (identity: ReplyIdentity): Chunk =>
  deltaChunk(identity, { role: 'assistant', content: '', refusal: null })

export const contentChunk = (identity: ReplyIdentity, content: string): Chunk =>
  deltaChunk(identity, { content })

/** A thinking token, in the `reasoning_content` field DeepSeek and vLLM use. */
export const reasoningChunk = (identity: ReplyIdentity, reasoning: string): Chunk =>
  deltaChunk(identity, { reasoning_content: reasoning })

/** The chunk after the last token: an empty delta carrying the finish reason. */
export const finishChunk = (identity: ReplyIdentity, reason: 'stop' | 'length'): Chunk =>
  deltaChunk(identity, {}, reason)

/** The usage chunk OpenAI sends last when asked: no choices at all. */
export const usageChunk = (identity: ReplyIdentity, usage: OpenAI.CompletionUsage): Chunk =>
  chunk(identity, [], usage)

/** Token usage with the detail objects OpenAI always fills in. */
export function usageOf(plan: ReplyPlan): OpenAI.CompletionUsage {
  const completion = plan.reasoning.length + plan.content.length
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: completion,
    total_tokens: plan.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: plan.reasoning.length,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

/** The whole reply as one `chat.completion` object, for `stream: false`. */
export function completionOf(identity: ReplyIdentity, plan: ReplyPlan): OpenAI.ChatCompletion {
  const reasoning = plan.reasoning.length > 0 ? { reasoning_content: plan.reasoning.join('') } : {}
  const message: OpenAI.ChatCompletionMessage = {
    role: 'assistant',
    content: plan.content.join(''),
    refusal: null,
    annotations: [],
    ...reasoning,
  }
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: usageOf(plan),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  }
}
