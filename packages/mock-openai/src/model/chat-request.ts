import { invalidRequest, type MockError } from '../wire/openai-error.js'
import { isRecord } from '../is-record.js'
import { describeImage } from './image-facts.js'

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const

/** OpenAI's own limit on `n`. */
const MAX_N = 128

/** A tool call an assistant message made earlier in the conversation. */
export interface PastToolCall {
  id: string
  name: string
  arguments: string
}

/** One message with its content flattened to text, and what its image parts show. */
export interface ChatMessage {
  role: (typeof ROLES)[number]
  content: string
  /** Its image parts, described ("an image of 640 × 480 pixels, PNG"). */
  images: string[]
  /** An assistant message's tool calls. */
  toolCalls?: PastToolCall[]
  /** A tool message's answer to this call. */
  toolCallId?: string
}

/** A function the client offers the model. */
export interface ToolSpec {
  name: string
  description: string
  /** Its arguments' JSON schema. */
  parameters: unknown
}

/** `tool_choice`: whether the model may, must or must not call a tool, or which one it must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string }

/** `response_format` (chat) or `text.format` (Responses). */
export type ResponseFormat =
  { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: unknown }

/** The parts of a chat completion request the mock acts on. */
export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  stream: boolean
  /** How many choices to generate. */
  n: number
  includeUsage: boolean
  /** `max_completion_tokens`, else the legacy `max_tokens`. */
  maxTokens?: number
  tools: ToolSpec[]
  toolChoice: ToolChoice
  /** `parallel_tool_calls` (default true): more than one call in one reply. */
  parallelToolCalls: boolean
  responseFormat: ResponseFormat
  /** `seed`: the same seed and conversation give the same answer; another seed, another answer. */
  seed?: number
}

/**
 * Validates a parsed request body just enough to answer like OpenAI does for the mistakes a relay
 * could make (missing model, bad messages, wrong types); fields the mock ignores are not checked.
 */
export function parseChatRequest(body: unknown): ChatRequest | MockError {
  if (!isRecord(body)) return invalidRequest('The request body must be a JSON object.')
  const { model, messages, stream, n } = body
  if (typeof model !== 'string' || model === '') {
    return invalidRequest('You must provide a model parameter.', 'model')
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    return invalidRequest("'messages' must be a non-empty array.", 'messages')
  }
  const parsed: ChatMessage[] = []
  for (const [i, message] of messages.entries()) {
    const result = parseMessage(message, `messages[${i}]`)
    if ('status' in result) return result
    parsed.push(result)
  }
  if (stream != null && typeof stream !== 'boolean') {
    return invalidRequest("'stream' must be a boolean.", 'stream')
  }
  if (n != null && !(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_N)) {
    return invalidRequest(`'n' must be an integer from 1 to ${MAX_N}.`, 'n')
  }
  const maxTokens = readMaxTokens(body, ['max_completion_tokens', 'max_tokens'])
  if (typeof maxTokens === 'object') return maxTokens
  const tools = readTools(body['tools'], (tool) =>
    isRecord(tool['function']) ? tool['function'] : undefined,
  )
  const toolChoice = readToolChoice(body['tool_choice'], (choice) =>
    isRecord(choice['function']) ? choice['function']['name'] : undefined,
  )
  const format = readFormat(body['response_format'], (format) =>
    isRecord(format['json_schema']) ? format['json_schema']['schema'] : undefined,
  )
  const streamOptions = body['stream_options']
  const seed = body['seed']
  return {
    model,
    messages: parsed,
    stream: stream === true,
    n: typeof n === 'number' ? n : 1,
    includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
    ...(maxTokens !== undefined && { maxTokens }),
    tools,
    toolChoice,
    parallelToolCalls: body['parallel_tool_calls'] !== false,
    responseFormat: format,
    ...(typeof seed === 'number' && Number.isInteger(seed) && { seed }),
  }
}

function parseMessage(message: unknown, param: string): ChatMessage | MockError {
  if (!isRecord(message)) return invalidRequest(`'${param}' must be an object.`, param)
  const { role, content } = message
  if (!ROLES.includes(role as ChatMessage['role'])) {
    return invalidRequest(
      `Invalid value for '${param}.role': expected one of ${ROLES.join(', ')}.`,
      `${param}.role`,
    )
  }
  const text = contentText(content)
  if (text === undefined) {
    return invalidRequest(
      `Invalid type for '${param}.content': expected a string or an array of content parts.`,
      `${param}.content`,
    )
  }
  const calls = Array.isArray(message['tool_calls']) ? message['tool_calls'] : []
  const toolCalls = calls.filter(isRecord).map((call) => {
    const fn = isRecord(call['function']) ? call['function'] : {}
    return {
      id: String(call['id'] ?? ''),
      name: String(fn['name'] ?? ''),
      arguments: String(fn['arguments'] ?? ''),
    }
  })
  const toolCallId = message['tool_call_id']
  return {
    role: role as ChatMessage['role'],
    content: text,
    images: imagesOf(content),
    ...(toolCalls.length > 0 && { toolCalls }),
    ...(typeof toolCallId === 'string' && { toolCallId }),
  }
}

function imagesOf(content: unknown): string[] {
  if (!Array.isArray(content)) return []
  return content.flatMap((part: unknown) => {
    if (!isRecord(part) || part['type'] !== 'image_url') return []
    const image = part['image_url']
    const url = isRecord(image) && typeof image['url'] === 'string' ? image['url'] : ''
    return [describeImage(url)]
  })
}

/** A message's text: a string, or its parts' texts joined (image parts carry none). */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content
  // An assistant message that only made tool calls has no content.
  if (content == null) return ''
  if (!Array.isArray(content)) return undefined
  return content
    .map((part: unknown) =>
      isRecord(part) && typeof part['text'] === 'string' ? part['text'] : '',
    )
    .join('')
}

/** The first of `params` that is set, as a positive integer. */
export function readMaxTokens(
  body: Record<string, unknown>,
  params: readonly string[],
): number | MockError | undefined {
  for (const param of params) {
    const value = body[param]
    if (value == null) continue
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return invalidRequest(`'${param}' must be a positive integer.`, param)
    }
    return value
  }
  return undefined
}

/**
 * The function tools of `tools`; `definition` finds a tool's name, description and parameters (in a
 * nested `function` object for chat, on the tool itself for Responses). Other tool kinds, and
 * functions without a name, are skipped: the mock answers what it can rather than judge.
 */
export function readTools(
  tools: unknown,
  definition: (tool: Record<string, unknown>) => Record<string, unknown> | undefined,
): ToolSpec[] {
  if (!Array.isArray(tools)) return []
  const specs: ToolSpec[] = []
  for (const tool of tools) {
    if (!isRecord(tool) || tool['type'] !== 'function') continue
    const fn = definition(tool)
    const name = fn?.['name']
    if (typeof name !== 'string' || name === '') continue
    const description = fn?.['description']
    specs.push({
      name,
      description: typeof description === 'string' ? description : '',
      parameters: fn?.['parameters'] ?? { type: 'object', properties: {} },
    })
  }
  return specs
}

/** `tool_choice`; `named` finds the function's name in an object choice. */
export function readToolChoice(
  choice: unknown,
  named: (choice: Record<string, unknown>) => unknown,
): ToolChoice {
  if (choice === 'none' || choice === 'required') return choice
  if (isRecord(choice)) {
    const name = named(choice)
    if (typeof name === 'string') return { name }
  }
  return 'auto'
}

/**
 * `response_format` / `text.format`; `schemaOf` finds a `json_schema` format's schema. A JSON
 * format without a usable schema is answered with some JSON object; an unknown one with text.
 */
export function readFormat(
  format: unknown,
  schemaOf: (format: Record<string, unknown>) => unknown,
): ResponseFormat {
  if (!isRecord(format)) return { type: 'text' }
  const schema = format['type'] === 'json_schema' ? schemaOf(format) : undefined
  if (isRecord(schema)) return { type: 'json_schema', schema }
  if (format['type'] === 'json_object' || format['type'] === 'json_schema') {
    return { type: 'json_object' }
  }
  return { type: 'text' }
}
