/**
 * `@typewriter-chat/core` — the zero-dependency stream core of typewriter-chat.
 *
 * Everything public is listed here on purpose; a module's other exports are internal.
 * @packageDocumentation
 */

// Errors
export { ChatStreamError } from './errors/chat-stream-error.js'
export type { ChatStreamErrorCode, ChatStreamErrorOptions } from './errors/chat-stream-error.js'

// Server-sent events
export { SSEDecoder, SSEDecodeError, encodeSSE, encodeSSEComment } from './sse/index.js'
export type { SSEEvent, SSEDecoderOptions, SSEDecodeErrorCode, SSEMessage } from './sse/index.js'

// OpenAI chat completion streams
export {
  parseChatChunks,
  parseChatStream,
  parseChatChunk,
  toChatEvents,
  ChatAccumulator,
  toAssistantMessage,
} from './chat/index.js'
export type * from './chat/types.js'
export type { ParseChatOptions, AccumulatedChoice, AccumulatedMeta } from './chat/index.js'

// The stream rules (docs/protocol.md, "Stream rules"), for code that reads or relays streams itself
export { FinishTracker, UsageTally, addUsage } from './chat/index.js'
export type { FinishTrackedChunk, FinishTrackerOptions, UsageEstimate } from './chat/index.js'
export { StallWatchdog, parseRetryAfter } from './client/index.js'
export type { StallKind, StallWatchdogOptions } from './client/index.js'

// HTTP client
export { streamChat, resumeChat } from './client/index.js'
export type {
  StreamChatOptions,
  ResumeChatOptions,
  ResumeOptions,
  ChatStream,
  ChatStreamResult,
} from './client/index.js'

// Continuation of replies cut by the token limit
export {
  continueOnLength,
  buildContinuationRequest,
  DEFAULT_CONTINUATION_INSTRUCTION,
} from './continue/index.js'
export type {
  ContinueOnLengthOptions,
  ContinuationContext,
  ContinuableChunk,
} from './continue/index.js'

// Typewriter pacing
export { createTypewriter } from './typewriter/index.js'
export type {
  Typewriter,
  TypewriterClock,
  TypewriterOptions,
  TypewriterState,
} from './typewriter/index.js'

// Streaming markdown
export {
  createIncrementalMarkdown,
  snapshotHtml,
  repairMarkdownTail,
  readInlineMath,
  readMathBlockClosing,
  readMathBlockOpening,
} from './markdown/index.js'
export type {
  MathBlockOpening,
  MathOpener,
  MathSpan,
  IncrementalMarkdown,
  IncrementalMarkdownOptions,
  MarkdownBlock,
  MarkdownSnapshot,
  MarkdownTail,
  OpenFence,
  MarkdownEngine,
  MarkdownEnv,
  MarkdownFootnotes,
  MarkdownReference,
  MarkdownToken,
} from './markdown/index.js'
