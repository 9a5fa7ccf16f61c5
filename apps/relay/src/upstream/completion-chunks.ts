import type {
  ChatChunkDelta,
  ChatCompletionChunk,
  ChatToolCallDelta,
  ChatUsage,
} from '@typewriter-chat/core'

type Fields = Record<string, unknown>

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

function toolCallDeltas(calls: unknown): ChatToolCallDelta[] | undefined {
  if (!Array.isArray(calls) || calls.length === 0) return undefined
  return calls.filter(isRecord).map((call, index) => {
    const fn = isRecord(call['function']) ? call['function'] : {}
    return {
      index,
      ...(text(call['id']) !== undefined && { id: text(call['id']) }),
      type: 'function' as const,
      function: { name: text(fn['name']) ?? '', arguments: text(fn['arguments']) ?? '' },
    }
  })
}

/** One choice's whole message as the one delta a stream would have spread over many chunks. */
function deltaOf(message: Fields): ChatChunkDelta {
  const delta: ChatChunkDelta = { role: 'assistant', content: text(message['content']) ?? null }
  const reasoning = text(message['reasoning_content']) ?? text(message['reasoning'])
  if (reasoning !== undefined) delta.reasoning_content = reasoning
  const refusal = text(message['refusal'])
  if (refusal !== undefined) delta.refusal = refusal
  const toolCalls = toolCallDeltas(message['tool_calls'])
  if (toolCalls !== undefined) delta.tool_calls = toolCalls
  return delta
}

/**
 * The chunks a streamed answer would have brought for a non-streamed `chat.completion` (some
 * upstreams ignore `stream: true`): per choice its message as one delta, then its finish, then the
 * usage chunk (`choices: []`). `undefined` when `value` is not a chat completion.
 */
export function completionChunks(value: unknown): ChatCompletionChunk[] | undefined {
  if (!isRecord(value) || !Array.isArray(value['choices'])) return undefined
  const base = {
    id: text(value['id']) ?? '',
    object: 'chat.completion.chunk',
    created: typeof value['created'] === 'number' ? value['created'] : 0,
    model: text(value['model']) ?? '',
    ...(text(value['system_fingerprint']) !== undefined && {
      system_fingerprint: text(value['system_fingerprint']),
    }),
  }
  const chunks: ChatCompletionChunk[] = []
  for (const [position, choice] of value['choices'].entries()) {
    if (!isRecord(choice)) return undefined
    const index = typeof choice['index'] === 'number' ? choice['index'] : position
    const message = isRecord(choice['message']) ? choice['message'] : {}
    chunks.push({ ...base, choices: [{ index, delta: deltaOf(message), finish_reason: null }] })
    chunks.push({
      ...base,
      choices: [{ index, delta: {}, finish_reason: text(choice['finish_reason']) ?? 'stop' }],
    })
  }
  if (isRecord(value['usage'])) {
    chunks.push({ ...base, choices: [], usage: value['usage'] as unknown as ChatUsage })
  }
  return chunks
}
