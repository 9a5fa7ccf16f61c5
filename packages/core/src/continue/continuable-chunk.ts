import type { ChatUsage, ChunkContinuationInfo } from '../chat/types.js'

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
  // Only the counts every server sends: the SDK's usage type has details of its own shape.
  usage?: Pick<ChatUsage, 'prompt_tokens' | 'completion_tokens' | 'total_tokens'> | null
  continuation?: ChunkContinuationInfo
}
