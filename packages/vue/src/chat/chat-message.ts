import type { ChatStreamError, ChatUsage, FinishReason } from '@typewriter-chat/core'
import type { ChatAttachment } from '../attachments/chat-attachment.js'

/** Who wrote a message. */
export type ChatRole = 'user' | 'assistant' | 'system'

/**
 * Where a message stands. `pending`: asked, nothing received yet; `streaming`: text is arriving (or
 * the typewriter is still showing it); `done`: complete; `stopped`: the user pressed Stop; `error`:
 * the reply failed (what arrived before the failure is kept).
 */
export type ChatMessageStatus = 'pending' | 'streaming' | 'done' | 'stopped' | 'error'

/** What `useChat` is doing: waiting for the answer, receiving it, idle, or failed. */
export type ChatStatus = 'idle' | 'submitted' | 'streaming' | 'error'

/**
 * Speed figures of one reply. A reply stopped and continued (or failed and retried) spans several
 * requests: their times add up and the first token is the first request's.
 */
export interface ReplyMetrics {
  /** From sending the (first) request to the first content or reasoning text. */
  timeToFirstTokenMs?: number
  /** Completion tokens per second of generation time (`usage.completion_tokens` / `generationMs`). */
  tokensPerSecond?: number
  /** True when `tokensPerSecond` rests on a token count estimated from chunks (see `usageEstimated`). */
  tokensPerSecondEstimated?: boolean
  /** From the first token to the last, summed over the reply's requests. */
  generationMs?: number
  /** From sending each request to the end of its stream, summed over the reply's requests. */
  durationMs?: number
}

/**
 * A tool the reply called: name and arguments as they stream, then the result once the app's
 * `onToolCall` supplied one.
 */
export interface ChatToolCallItem {
  id: string
  name: string
  /** The JSON arguments text, possibly incomplete while the reply streams. */
  arguments: string
  /** What `onToolCall` returned; sent to the model as JSON in a `tool` message. */
  result?: unknown
  /** True when `onToolCall` threw or returned nothing usable: `result` is the error text. */
  failed?: boolean
}

/** One message of the conversation, as `useChat` shows it. Replaced, never mutated, on each change. */
export interface ChatMessageItem {
  id: string
  role: ChatRole
  /**
   * The text shown. For a streaming assistant reply, the typewriter-paced visible part; the whole
   * text once done. A stopped reply keeps what was visible when Stop was pressed.
   */
  content: string
  /** Reasoning ("thinking") text: `reasoning_content` / `reasoning` deltas and a leading `<think>` block. */
  reasoning: string
  status: ChatMessageStatus
  /** Images and text files sent with a user message, as content parts after its text. */
  attachments?: ChatAttachment[]
  /**
   * Everything received, when it is more than `content` shows (a reply stopped while the typewriter
   * was behind). This is what the model is sent as history and what `continue()` resumes from.
   */
  received?: string
  /** The tools this reply called, in the model's order. */
  toolCalls?: ChatToolCallItem[]
  /** Why the model stopped: `stop`, `length` when cut by the token limit, `tool_calls`. */
  finishReason?: FinishReason
  /**
   * Token usage, summed over continuations and over Stop → Continue (core's `UsageTally` rule). A
   * request stopped before its usage arrived counts one completion token per chunk it streamed.
   */
  usage?: ChatUsage
  /** True when `usage` includes such an estimate. */
  usageEstimated?: boolean
  metrics?: ReplyMetrics
  /** Continuation rounds after the first answer: the relay's automatic ones plus each `continue()`. */
  continuationRounds?: number
  /** Why the reply failed, for a message with status `error`. */
  error?: ChatStreamError
}

/** The full text of a message: what the model wrote, including any part the typewriter never showed. */
export function fullText(message: ChatMessageItem): string {
  return message.received ?? message.content
}
