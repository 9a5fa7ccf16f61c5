import { isRecord } from '../is-record.js'
import { invalidRequest, type MockError } from '../wire/openai-error.js'
import {
  contentText,
  readFormat,
  readMaxTokens,
  readToolChoice,
  readTools,
  type ChatMessage,
  type ChatRequest,
} from './chat-request.js'
import { describeImage } from './image-facts.js'

const MESSAGE_ROLES = new Set(['system', 'developer', 'user', 'assistant'])

/**
 * A Responses API request (`POST /v1/responses`) read as the chat request the mock model answers:
 * `instructions` first as a system message, then `input` (a string, or items: messages with
 * `input_text` / `output_text` / `input_image` parts, `function_call` and `function_call_output`
 * items; other items, such as reasoning or references, carry nothing the mock reads). One output
 * only (`n` = 1); `max_output_tokens` is the token limit, `text.format` the JSON mode.
 */
export function parseResponsesRequest(body: unknown): ChatRequest | MockError {
  if (!isRecord(body)) return invalidRequest('The request body must be a JSON object.')
  const { model, input, instructions, stream } = body
  if (typeof model !== 'string' || model === '') {
    return invalidRequest('You must provide a model parameter.', 'model')
  }
  if (typeof body['previous_response_id'] === 'string') {
    // Nothing is stored, so no earlier response can be found, as for an id OpenAI does not know.
    return invalidRequest(
      `Previous response with id '${body['previous_response_id']}' not found.`,
      'previous_response_id',
      404,
    )
  }
  const messages = inputMessages(input)
  if ('status' in messages) return messages
  if (typeof instructions === 'string' && instructions !== '') {
    messages.unshift({ role: 'system', content: instructions, images: [] })
  }
  if (stream != null && typeof stream !== 'boolean') {
    return invalidRequest("'stream' must be a boolean.", 'stream')
  }
  const maxTokens = readMaxTokens(body, ['max_output_tokens'])
  if (typeof maxTokens === 'object') return maxTokens
  const tools = readTools(body['tools'], (tool) => tool)
  const text = body['text']
  const format = readFormat(isRecord(text) ? text['format'] : undefined, (f) => f['schema'])
  return {
    model,
    messages,
    stream: stream === true,
    n: 1,
    includeUsage: true,
    ...(maxTokens !== undefined && { maxTokens }),
    tools,
    toolChoice: readToolChoice(body['tool_choice'], (choice) => choice['name']),
    parallelToolCalls: body['parallel_tool_calls'] !== false,
    responseFormat: format,
  }
}

function inputMessages(input: unknown): ChatMessage[] | MockError {
  if (typeof input === 'string') return [{ role: 'user', content: input, images: [] }]
  if (!Array.isArray(input) || input.length === 0) {
    return invalidRequest("Missing required parameter: 'input'.", 'input')
  }
  const messages: ChatMessage[] = []
  for (const [i, item] of input.entries()) {
    if (!isRecord(item)) return invalidRequest(`'input[${i}]' must be an object.`, `input[${i}]`)
    const message = itemMessage(item)
    if (message === 'invalid') {
      return invalidRequest(
        `Invalid value for 'input[${i}].role': expected one of system, developer, user, assistant.`,
        `input[${i}].role`,
      )
    }
    if (message !== undefined) messages.push(message)
  }
  return messages
}

function itemMessage(item: Record<string, unknown>): ChatMessage | 'invalid' | undefined {
  const type = item['type'] ?? 'message'
  if (type === 'function_call') {
    const call = {
      id: String(item['call_id'] ?? ''),
      name: String(item['name'] ?? ''),
      arguments: String(item['arguments'] ?? ''),
    }
    return { role: 'assistant', content: '', images: [], toolCalls: [call] }
  }
  if (type === 'function_call_output') {
    const output = item['output']
    const content = typeof output === 'string' ? output : (contentText(output) ?? '')
    return { role: 'tool', content, images: [], toolCallId: String(item['call_id'] ?? '') }
  }
  if (type !== 'message') return undefined
  const role = item['role']
  if (typeof role !== 'string' || !MESSAGE_ROLES.has(role)) return 'invalid'
  const content = item['content']
  return {
    role: role as ChatMessage['role'],
    content: contentText(content) ?? '',
    images: Array.isArray(content) ? content.flatMap(imageOf) : [],
  }
}

function imageOf(part: unknown): string[] {
  if (!isRecord(part) || part['type'] !== 'input_image') return []
  return [describeImage(typeof part['image_url'] === 'string' ? part['image_url'] : '')]
}
