import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ChatCompletionChunk } from './types.js'

/** The error for a reply cut short: `incomplete_stream`. @internal */
export function incompleteStream(): ChatStreamError {
  return new ChatStreamError(
    'incomplete_stream',
    'The chat stream ended before the reply was complete (a choice without finish_reason and no ' +
      '[DONE]): the connection was probably lost.',
  )
}

/** The parts of a chunk {@link FinishTracker} reads; the official `openai` SDK's chunks have them too. */
export type FinishTrackedChunk = Pick<ChatCompletionChunk, 'continuation'> & {
  choices: ReadonlyArray<{ index: number; finish_reason: string | null }>
  usage?: object | null
}

/** Options of {@link FinishTracker}. */
export interface FinishTrackerOptions {
  /** The request asked for usage (`stream_options.include_usage`): the reply owes its usage chunk. */
  usage?: boolean
}

/**
 * Tells a complete streamed reply from one cut short, for code that reads chunks itself (an
 * `SSEDecoder` with {@link parseChatChunk}, or the `openai` SDK's stream); `parseChatChunks` and
 * `parseChatStream` apply it already.
 *
 * The rule (docs/protocol.md, "Stream rules"): `data: [DONE]` ends a reply as complete. A body that
 * ends without it is complete only when every choice it began has reported a `finish_reason`:
 * many OpenAI-compatible servers omit `[DONE]`, and a connection lost while choice 1 of an `n: 2`
 * reply is still writing is cut short even though choice 0 finished. A continuation round
 * (`continuation` on a chunk) is a new request, so its choices must finish again.
 *
 * @example
 * ```ts
 * const tracker = new FinishTracker()
 * for await (const chunk of sdkStream) tracker.observe(chunk)
 * tracker.assertComplete() // the SDK's stream hides whether [DONE] came: every choice must finish
 * ```
 *
 * {@link settled} tells a reader that nothing more is owed (every choice finished, and the usage
 * chunk arrived when it was asked for), so a reply can end then even if `[DONE]` and the end of the
 * body never come: some servers keep the connection open after the last chunk.
 */
export class FinishTracker {
  #seen = new Set<number>()
  #finished = new Set<number>()
  readonly #usageOwed: boolean
  #usageSeen = false

  constructor(options: FinishTrackerOptions = {}) {
    this.#usageOwed = options.usage === true
  }

  /** Takes one chunk. Chunks after a finish do not reopen the choice (OpenRouter's usage chunk). */
  observe(chunk: FinishTrackedChunk): void {
    if (chunk.continuation != null) {
      this.#seen = new Set()
      this.#finished = new Set()
      this.#usageSeen = false
    }
    const choices = chunk.choices
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i]
      if (choice == null) continue
      const index = typeof choice.index === 'number' ? choice.index : i
      this.#seen.add(index)
      if (choice.finish_reason != null) this.#finished.add(index)
    }
    // Only usage that comes with or after the last finish is the final one: some servers report
    // running totals on every chunk.
    if (chunk.usage != null && this.complete) this.#usageSeen = true
  }

  /** True when at least one choice was seen and every choice seen has finished. */
  get complete(): boolean {
    return this.#finished.size > 0 && this.#finished.size === this.#seen.size
  }

  /**
   * True when the reply is whole without `[DONE]`: {@link complete}, and its usage arrived when the
   * request asked for it (usage comes after the last finish, so until then more chunks are owed).
   */
  get settled(): boolean {
    return this.complete && (this.#usageSeen || !this.#usageOwed)
  }

  /**
   * For a body that ended without `[DONE]`: throws `ChatStreamError('incomplete_stream')` unless
   * {@link complete}.
   */
  assertComplete(): void {
    if (!this.complete) throw incompleteStream()
  }
}
