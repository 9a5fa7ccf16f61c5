import type { ChatMessage, ChatRequest, ToolSpec } from './chat-request.js'
import { createRandom } from './random.js'
import { valueForSchema } from './schema-value.js'

/** A call the mock model decided to make. */
export interface PlannedCall {
  id: string
  name: string
  arguments: string
}

/** The tool `/tools` calls when the request declares none, so a demo can show a call offline. */
export const DEMO_TOOL: ToolSpec = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['city'],
  },
}

/** Name words too common to say that a question asks for a tool. */
const COMMON = new Set(['get', 'set', 'the', 'and', 'for', 'tool', 'run', 'call', 'fetch', 'find'])

/** The words of a tool's name: `get_weather`, `getWeather` and `get-weather` give `weather`. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !COMMON.has(word))
}

/**
 * Whether the question asks for what the tool does: it names the tool, or a word of its name
 * (loosely: "multiplied" asks for `multiply`, "weather" for `get_weather`).
 */
function asksFor(tool: ToolSpec, question: string): boolean {
  const text = question.toLowerCase()
  if (text.includes(tool.name.toLowerCase())) return true
  const words = text.split(/[^\p{L}\p{N}]+/u)
  return nameWords(tool.name).some((word) => {
    const stem = word.length > 4 ? word.slice(0, Math.max(4, word.length - 2)) : word
    return words.some((said) => (stem === word ? said === word : said.startsWith(stem)))
  })
}

/**
 * The tools the mock model calls for this turn: none when tools are off (`tool_choice: "none"`)
 * or the turn answers a tool's result; the named one for a named `tool_choice`; otherwise those the
 * question asks for, and when it asks for none but a call is required (`tool_choice: "required"`,
 * `/tools`), the first tool. One only, unless parallel calls are allowed. Arguments fit each
 * tool's schema, drawn from `seed`, so the same conversation calls the same way.
 */
export function plannedCalls(
  request: ChatRequest,
  question: string,
  forced: boolean,
  seed: number,
): PlannedCall[] {
  const { toolChoice } = request
  if (toolChoice === 'none' || answersToolResults(request.messages)) return []
  const tools = request.tools.length > 0 ? request.tools : forced ? [DEMO_TOOL] : []
  let chosen =
    typeof toolChoice === 'object'
      ? tools.filter((tool) => tool.name === toolChoice.name)
      : tools.filter((tool) => asksFor(tool, question))
  const first = tools[0]
  if (chosen.length === 0 && (toolChoice === 'required' || forced) && first !== undefined) {
    chosen = [first]
  }
  if (!request.parallelToolCalls) chosen = chosen.slice(0, 1)
  const random = createRandom(seed)
  return chosen.map((tool) => ({
    id: `call_${callId(random)}`,
    name: tool.name,
    arguments: JSON.stringify(valueForSchema(tool.parameters, { question, random })),
  }))
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** 24 characters, like OpenAI's call ids. */
function callId(random: ReturnType<typeof createRandom>): string {
  return Array.from({ length: 24 }, () => ALPHABET[random.int(0, ALPHABET.length - 1)]).join('')
}

/** Whether the conversation ends with tool results: the model's turn is to answer with them. */
export function answersToolResults(messages: readonly ChatMessage[]): boolean {
  return messages.at(-1)?.role === 'tool'
}

/**
 * The reply to the tool results that end the conversation: what each tool answered (a JSON
 * object's fields listed), then a sentence that ties them to the question.
 */
export function toolResultsAnswer(messages: readonly ChatMessage[], question: string): string {
  const start = messages.findLastIndex((message) => message.role !== 'tool') + 1
  const calls = new Map(
    messages.flatMap((message) => message.toolCalls ?? []).map((call) => [call.id, call.name]),
  )
  const parts = messages.slice(start).map((result) => {
    const name = calls.get(result.toolCallId ?? '') ?? 'the tool'
    return `${name === 'the tool' ? 'The tool' : `\`${name}\``} answered ${describeResult(result.content)}`
  })
  const topic = question.replace(/[?.!]+$/, '').trim()
  const closing =
    topic === '' ? 'That is everything the tools returned.' : `That answers "${topic}".`
  return `${parts.join('\n\n')}\n\n${closing}`
}

function describeResult(content: string): string {
  let value: unknown
  try {
    value = JSON.parse(content)
  } catch {
    return `"${content}".`
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${JSON.stringify(value)}.`
  }
  const fields = Object.entries(value).map(
    ([key, field]) => `- **${key}**: ${typeof field === 'string' ? field : JSON.stringify(field)}`,
  )
  return fields.length === 0 ? 'with an empty object.' : `with:\n\n${fields.join('\n')}`
}
