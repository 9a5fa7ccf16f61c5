import type { ChatCompletionChunk, ChatToolCall, ChatUsage } from '@typewriter-chat/core'

interface ChoiceState {
  content: string
  refusal: string | null
  reasoning: string | null
  toolCalls: Map<number, ChatToolCall>
  finishReason: string | null
}

/** A `chat.completion` object, as OpenAI answers a non-streamed request. */
export interface ChatCompletion {
  id: string
  object: 'chat.completion'
  created: number
  model: string
  system_fingerprint?: string | null
  choices: Array<{
    index: number
    message: {
      role: 'assistant'
      content: string | null
      refusal: string | null
      reasoning_content?: string
      tool_calls?: ChatToolCall[]
    }
    finish_reason: string | null
    logprobs: null
  }>
  usage?: ChatUsage
}

const byteLength = (text: string | null | undefined): number =>
  text == null || text.length === 0 ? 0 : Buffer.byteLength(text)

/**
 * Folds streamed chunks into the non-streamed `chat.completion` shape: text concatenated per choice,
 * tool-call fragments merged by `index`, the last finish reason and usage kept.
 */
export class CompletionAccumulator {
  #bytes = 0
  #meta: Pick<ChatCompletion, 'id' | 'created' | 'model' | 'system_fingerprint'> | undefined
  readonly #choices = new Map<number, ChoiceState>()
  #usage: ChatUsage | undefined

  add(chunk: ChatCompletionChunk): void {
    this.#meta ??= {
      id: chunk.id,
      created: chunk.created,
      model: chunk.model,
      system_fingerprint: chunk.system_fingerprint ?? null,
    }
    if (chunk.usage != null) this.#usage = chunk.usage
    for (const { index, delta, finish_reason } of chunk.choices) {
      let state = this.#choices.get(index)
      if (state === undefined) {
        state = {
          content: '',
          refusal: null,
          reasoning: null,
          toolCalls: new Map(),
          finishReason: null,
        }
        this.#choices.set(index, state)
      }
      this.#bytes +=
        byteLength(delta.content) +
        byteLength(delta.refusal) +
        byteLength(delta.reasoning_content ?? delta.reasoning)
      state.content += delta.content ?? ''
      if (delta.refusal != null) state.refusal = (state.refusal ?? '') + delta.refusal
      const reasoning = delta.reasoning_content ?? delta.reasoning
      if (reasoning != null) state.reasoning = (state.reasoning ?? '') + reasoning
      for (const part of delta.tool_calls ?? []) {
        const call = state.toolCalls.get(part.index) ?? {
          id: '',
          type: 'function' as const,
          function: { name: '', arguments: '' },
        }
        this.#bytes += byteLength(part.function?.name) + byteLength(part.function?.arguments)
        if (part.id !== undefined) call.id = part.id
        call.function.name += part.function?.name ?? ''
        call.function.arguments += part.function?.arguments ?? ''
        state.toolCalls.set(part.index, call)
      }
      if (finish_reason != null) state.finishReason = finish_reason
    }
  }

  /** UTF-8 bytes of the text held so far (content, reasoning, refusals, tool calls of every choice). */
  get bytes(): number {
    return this.#bytes
  }

  /** The completion so far. */
  result(): ChatCompletion {
    const choices = [...this.#choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => ({
        index,
        message: {
          role: 'assistant' as const,
          content: state.content === '' && state.toolCalls.size > 0 ? null : state.content,
          refusal: state.refusal,
          ...(state.reasoning !== null && { reasoning_content: state.reasoning }),
          ...(state.toolCalls.size > 0 && {
            tool_calls: [...state.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c),
          }),
        },
        finish_reason: state.finishReason,
        logprobs: null,
      }))
    return {
      id: this.#meta?.id ?? '',
      object: 'chat.completion',
      created: this.#meta?.created ?? Math.floor(Date.now() / 1000),
      model: this.#meta?.model ?? '',
      system_fingerprint: this.#meta?.system_fingerprint ?? null,
      choices,
      ...(this.#usage !== undefined && { usage: this.#usage }),
    }
  }
}
