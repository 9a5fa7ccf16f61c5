import { invalidRequest, type MockError } from '../wire/openai-error.js'
import { isRecord } from '../is-record.js'
import { describeImage } from './image-facts.js'

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const

/** OpenAI's own limit on `n`. */
const MAX_N = 128

/** One message with its content flattened to text, and what its image parts show. */
export interface ChatMessage {
  role: (typeof ROLES)[number]
  content: string
  /** Its image parts, described ("an image of 640 × 480 pixels, PNG"). */
  images: string[]
}

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
  const maxTokens = readMaxTokens(body)
  if (typeof maxTokens === 'object') return maxTokens
  const streamOptions = body['stream_options']
  return {
    model,
    messages: parsed,
    stream: stream === true,
    n: typeof n === 'number' ? n : 1,
    includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
    ...(maxTokens !== undefined && { maxTokens }),
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
  return { role: role as ChatMessage['role'], content: text, images: imagesOf(content) }
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

function contentText(content: unknown): string | undefined {
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

function readMaxTokens(body: Record<string, unknown>): number | MockError | undefined {
  for (const param of ['max_completion_tokens', 'max_tokens']) {
    const value = body[param]
    if (value == null) continue
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return invalidRequest(`'${param}' must be a positive integer.`, param)
    }
    return value
  }
  return undefined
}
