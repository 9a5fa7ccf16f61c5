import type { ChatStreamEvent, ChatToolCall, ChatUsage, FinishReason } from './types.js'
import { UsageTally } from './usage.js'

/** One choice of the finished reply, like the official SDK's final message. */
export interface AccumulatedChoice {
  /** The choice index (`n > 1` requests have several). */
  index: number
  role: 'assistant'
  /** The reply text; `''` when the model sent none (e.g. only tool calls). */
  content: string
  /** The reasoning text (`reasoning_content` / `reasoning`); `''` when none. */
  reasoning: string
  /** The refusal text; `''` when the model did not refuse. */
  refusal: string
  /** Complete tool calls, in `index` order, fragments merged. */
  toolCalls: ChatToolCall[]
  /** The last `finish_reason` of this choice; `null` while still streaming (or if the stream was cut). */
  finishReason: FinishReason | null
}

/** Stream metadata as first reported. */
export interface AccumulatedMeta {
  id: string
  model: string
  /** Unix seconds, as on the wire. */
  created: number
  systemFingerprint?: string
}

interface ToolCallState {
  id: string | undefined
  name: string | undefined
  arguments: string
}

interface ChoiceState {
  index: number
  content: string
  reasoning: string
  refusal: string
  toolCalls: Map<number, ToolCallState>
  finishReason: FinishReason | null
}

/**
 * Builds the final assistant message(s) from {@link ChatStreamEvent}s as they arrive. Feed it every
 * event; read the getters at any time (they return fresh snapshots), e.g. to keep the partial reply
 * when the user stops.
 *
 * @example
 * ```ts
 * const reply = new ChatAccumulator()
 * for await (const event of parseChatStream(body)) reply.add(event)
 * history.push(toAssistantMessage(reply.choices[0]!))
 * ```
 */
export class ChatAccumulator {
  readonly #choices = new Map<number, ChoiceState>()
  readonly #usage = new UsageTally()
  #meta: AccumulatedMeta | undefined
  #round = 0

  /** Adds one event. */
  add(event: ChatStreamEvent): void {
    switch (event.type) {
      case 'meta':
        if (this.#meta === undefined) {
          this.#meta = { id: event.id, model: event.model, created: event.created }
          if (event.systemFingerprint !== undefined) {
            this.#meta.systemFingerprint = event.systemFingerprint
          }
        }
        break
      case 'content':
        this.#choice(event.choice).content += event.text
        break
      case 'reasoning':
        this.#choice(event.choice).reasoning += event.text
        break
      case 'refusal':
        this.#choice(event.choice).refusal += event.text
        break
      case 'tool-call': {
        const calls = this.#choice(event.choice).toolCalls
        let call = calls.get(event.index)
        if (call === undefined) {
          call = { id: undefined, name: undefined, arguments: '' }
          calls.set(event.index, call)
        }
        // Some servers repeat id and name on every fragment; the first one is the call's.
        call.id ??= event.id
        call.name ??= event.name
        call.arguments += event.argumentsDelta
        break
      }
      case 'finish':
        this.#choice(event.choice).finishReason = event.reason
        break
      case 'usage':
        this.#usage.record(event.usage, this.#round)
        break
      case 'continuation':
        this.#round = event.round
        break
    }
  }

  /** Every choice seen so far, sorted by index. */
  get choices(): AccumulatedChoice[] {
    return [...this.#choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((state) => ({
        index: state.index,
        role: 'assistant' as const,
        content: state.content,
        reasoning: state.reasoning,
        refusal: state.refusal,
        toolCalls: [...state.toolCalls.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, call]) => ({
            id: call.id ?? '',
            type: 'function' as const,
            function: { name: call.name ?? '', arguments: call.arguments },
          })),
        finishReason: state.finishReason,
      }))
  }

  /** Token usage, summed over continuation rounds; `undefined` if the server reported none. */
  get usage(): ChatUsage | undefined {
    return this.#usage.total
  }

  /** Usage as reported by each round (index = continuation round; holes where a round reported none). */
  get roundUsage(): Array<ChatUsage | undefined> {
    return this.#usage.rounds
  }

  /** `id`, `model` and `created` of the stream, from its first chunk. */
  get meta(): AccumulatedMeta | undefined {
    return this.#meta === undefined ? undefined : { ...this.#meta }
  }

  /** How many continuation rounds followed the original answer (0 when none). */
  get continuationRounds(): number {
    return this.#round
  }

  #choice(index: number): ChoiceState {
    let state = this.#choices.get(index)
    if (state === undefined) {
      state = {
        index,
        content: '',
        reasoning: '',
        refusal: '',
        toolCalls: new Map(),
        finishReason: null,
      }
      this.#choices.set(index, state)
    }
    return state
  }
}
