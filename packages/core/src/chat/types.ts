/** Why a choice stopped. OpenAI's values, open to the extra ones other servers send. */
export type FinishReason =
  'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call' | (string & {})

/** Token usage as OpenAI reports it (snake_case, as on the wire). */
export interface ChatUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details?: { cached_tokens?: number; [key: string]: unknown }
  completion_tokens_details?: { reasoning_tokens?: number; [key: string]: unknown }
}

/** One tool-call fragment inside a streamed delta; fragments with the same `index` belong together. */
export interface ChatToolCallDelta {
  index: number
  id?: string
  type?: 'function'
  function?: { name?: string; arguments?: string }
}

/** The `delta` of one streamed choice. DeepSeek/vLLM send `reasoning_content`, OpenRouter/Ollama `reasoning`. */
export interface ChatChunkDelta {
  role?: 'assistant' | (string & {})
  content?: string | null
  refusal?: string | null
  reasoning_content?: string | null
  reasoning?: string | null
  tool_calls?: ChatToolCallDelta[]
}

/** Continuation bookkeeping the relay (or `continueOnLength`) adds to chunks; ignored by other clients. */
export interface ChunkContinuationInfo {
  /** 0 for the original request, 1 for the first continuation, ... */
  round: number
}

/** One `chat.completion.chunk` as sent on the wire. */
export interface ChatCompletionChunk {
  id: string
  object: 'chat.completion.chunk' | (string & {})
  created: number
  model: string
  system_fingerprint?: string | null
  service_tier?: string | null
  choices: Array<{
    index: number
    delta: ChatChunkDelta
    finish_reason: FinishReason | null
    logprobs?: unknown
  }>
  usage?: ChatUsage | null
  /** Random padding OpenAI adds so that chunk sizes do not reveal token lengths; carries no meaning. */
  obfuscation?: string
  /** Present on the first chunk of each continuation round. */
  continuation?: ChunkContinuationInfo
}

/** A text part of a message's content. */
export interface ChatTextPart {
  type: 'text'
  text: string
}

/** An image part of a message's content: a `data:image/…;base64,…` URL or an `https:` URL. */
export interface ChatImagePart {
  type: 'image_url'
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' }
}

/** A part of a message's content: text, an image, or another kind the server accepts (audio, files…). */
export type ChatContentPart =
  ChatTextPart | ChatImagePart | { type: string; [key: string]: unknown }

/** A message of a chat request, in OpenAI's shape. */
export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | (string & {})
  content: string | null | ChatContentPart[]
  name?: string
  tool_call_id?: string
  tool_calls?: ChatToolCall[]
  [key: string]: unknown
}

/** A complete tool call of an assistant message. */
export interface ChatToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

/** The body of a chat completion request. Extra fields pass through untouched. */
export interface ChatRequest {
  messages: ChatMessage[]
  model?: string
  stream?: boolean
  [key: string]: unknown
}

/** Stream metadata, emitted once when the first chunk arrives and again if it changes. */
export interface ChatMetaEvent {
  type: 'meta'
  id: string
  model: string
  created: number
  systemFingerprint?: string
}
export interface ChatContentEvent {
  type: 'content'
  choice: number
  text: string
}
export interface ChatReasoningEvent {
  type: 'reasoning'
  choice: number
  text: string
}
export interface ChatRefusalEvent {
  type: 'refusal'
  choice: number
  text: string
}
export interface ChatToolCallEvent {
  type: 'tool-call'
  choice: number
  index: number
  id?: string
  name?: string
  argumentsDelta: string
}
export interface ChatFinishEvent {
  type: 'finish'
  choice: number
  reason: FinishReason
}
export interface ChatUsageEvent {
  type: 'usage'
  usage: ChatUsage
}
/** A continuation round started (the previous round ended with `finish_reason: "length"`). */
export interface ChatContinuationEvent {
  type: 'continuation'
  round: number
}

/** Everything `parseChatStream` yields. */
export type ChatStreamEvent =
  | ChatMetaEvent
  | ChatContentEvent
  | ChatReasoningEvent
  | ChatRefusalEvent
  | ChatToolCallEvent
  | ChatFinishEvent
  | ChatUsageEvent
  | ChatContinuationEvent
