import type { ChunkContinuationInfo } from '../chat/types.js'

/** The token counts of one request, as any OpenAI-compatible server reports them. */
export interface ChunkUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
}

/**
 * The parts of a `chat.completion.chunk` that `continueOnLength` reads and writes. Our
 * `ChatCompletionChunk` and the official `openai` SDK's `ChatCompletionChunk` both have them, so
 * the relay can continue SDK chunks and re-emit them as they are.
 */
export interface ContinuableChunk {
  id: string
  created: number
  model: string
  choices: Array<{
    index: number
    delta: { content?: string | null; tool_calls?: readonly unknown[] | null }
    finish_reason: string | null
  }>
  usage?: ChunkUsage | null
  continuation?: ChunkContinuationInfo
}
