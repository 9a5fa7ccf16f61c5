function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

const quote = (text: string): string => JSON.stringify(text)

/**
 * A one-line gist of an OpenAI chunk for the inspector (`content "Hello"`, `finish length`,
 * `usage 12+345`, `error upstream_error`), because the raw JSON starts with the same hundred
 * characters of ids in every event. `undefined` when the data is not such a chunk.
 */
export function describeEventData(data: string): string | undefined {
  if (data === '[DONE]') return 'done'
  if (!data.startsWith('{')) return undefined
  let chunk: unknown
  try {
    chunk = JSON.parse(data)
  } catch {
    return undefined
  }
  if (!isRecord(chunk)) return undefined
  if (isRecord(chunk.error)) {
    const { code, type, message } = chunk.error
    return `error ${String(code ?? type ?? message ?? '')}`.trim()
  }
  const parts: string[] = []
  if (isRecord(chunk.continuation))
    parts.push(`continuation round ${String(chunk.continuation.round)}`)
  const choices = Array.isArray(chunk.choices) ? chunk.choices : []
  for (const choice of choices) {
    if (!isRecord(choice)) continue
    const delta = isRecord(choice.delta) ? choice.delta : {}
    if (typeof delta.role === 'string' && delta.content === '') parts.push(`role ${delta.role}`)
    for (const field of ['reasoning_content', 'reasoning', 'content', 'refusal'] as const) {
      const text = delta[field]
      if (typeof text === 'string' && text !== '') parts.push(`${field} ${quote(text)}`)
    }
    if (Array.isArray(delta.tool_calls)) parts.push(`tool_calls ×${delta.tool_calls.length}`)
    if (typeof choice.finish_reason === 'string') parts.push(`finish ${choice.finish_reason}`)
  }
  if (isRecord(chunk.usage)) {
    const { prompt_tokens: prompt, completion_tokens: completion } = chunk.usage
    parts.push(`usage ${String(prompt)}+${String(completion)} tokens`)
  }
  return parts.length > 0 ? parts.join(' · ') : undefined
}
