import type {
  ChatCompletionChunk,
  ChatMetaEvent,
  ChatStreamEvent,
  ChatToolCallEvent,
} from './types.js'

/** Turns chunks into events one at a time, remembering what it needs across chunks. @internal */
export interface ChunkDecoder {
  /**
   * The events of one chunk, in order: continuation, meta, then per choice reasoning, content,
   * refusal, tool calls, finish; usage last.
   */
  decode(chunk: ChatCompletionChunk): ChatStreamEvent[]
  /** Like `decode`, appending to `events` instead of allocating an array per chunk. */
  decodeInto(chunk: ChatCompletionChunk, events: ChatStreamEvent[]): void
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

/**
 * Creates the synchronous chunk → event step of {@link toChatEvents}. Synchronous on purpose: the
 * stream parser runs it on every chunk of a read in one go, without a promise per chunk.
 * @internal
 */
export function createChunkDecoder(): ChunkDecoder {
  let metaId: string | undefined
  let metaModel: string | undefined
  const decodeInto = (chunk: ChatCompletionChunk, events: ChatStreamEvent[]): void => {
    const continuation = chunk.continuation
    if (continuation != null && typeof continuation.round === 'number') {
      events.push({ type: 'continuation', round: continuation.round })
    }
    if (chunk.id !== metaId || chunk.model !== metaModel) {
      metaId = chunk.id
      metaModel = chunk.model
      const meta: ChatMetaEvent = {
        type: 'meta',
        id: chunk.id,
        model: chunk.model,
        created: chunk.created,
      }
      if (isText(chunk.system_fingerprint)) meta.systemFingerprint = chunk.system_fingerprint
      events.push(meta)
    }
    const choices = chunk.choices
    for (let position = 0; position < choices.length; position++) {
      const entry = choices[position]
      if (entry == null) continue
      const choice = typeof entry.index === 'number' ? entry.index : position
      const delta = entry.delta
      if (delta != null) {
        // vLLM sends both names with the same text while it migrates: take one, never both.
        const reasoning = isText(delta.reasoning_content)
          ? delta.reasoning_content
          : delta.reasoning
        if (isText(reasoning)) events.push({ type: 'reasoning', choice, text: reasoning })
        if (isText(delta.content)) events.push({ type: 'content', choice, text: delta.content })
        if (isText(delta.refusal)) events.push({ type: 'refusal', choice, text: delta.refusal })
        const toolCalls = delta.tool_calls
        if (Array.isArray(toolCalls)) {
          for (let i = 0; i < toolCalls.length; i++) {
            const call = toolCalls[i]
            if (call == null) continue
            const name = call.function?.name
            const args = call.function?.arguments
            if (!isText(call.id) && !isText(name) && !isText(args)) continue
            const event: ChatToolCallEvent = {
              type: 'tool-call',
              choice,
              // Servers that stream one call at a time sometimes omit `index`.
              index: typeof call.index === 'number' ? call.index : i,
              argumentsDelta: isText(args) ? args : '',
            }
            if (isText(call.id)) event.id = call.id
            if (isText(name)) event.name = name
            events.push(event)
          }
        }
      }
      if (isText(entry.finish_reason)) {
        events.push({ type: 'finish', choice, reason: entry.finish_reason })
      }
    }
    const usage = chunk.usage
    if (usage != null && typeof usage === 'object') events.push({ type: 'usage', usage })
  }
  return {
    decode(chunk) {
      const events: ChatStreamEvent[] = []
      decodeInto(chunk, events)
      return events
    },
    decodeInto,
  }
}
