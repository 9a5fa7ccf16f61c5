import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ChatCompletionChunk } from './types.js'

/**
 * Remembers which choices have been seen and which have finished, to tell a complete stream that
 * merely omitted `[DONE]` (many OpenAI-compatible servers do) from a connection lost mid-reply.
 * @internal
 */
export class FinishTracker {
  #seen = new Set<number>()
  #finished = new Set<number>()

  observe(chunk: ChatCompletionChunk): void {
    // A continuation round is a new request: its choices must finish again. Chunks after a finish
    // within one round do not reopen it (OpenRouter's usage chunk repeats choice 0 with no reason).
    if (chunk.continuation != null) {
      this.#seen = new Set()
      this.#finished = new Set()
    }
    const choices = chunk.choices
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i]
      if (choice == null) continue
      const index = typeof choice.index === 'number' ? choice.index : i
      this.#seen.add(index)
      if (choice.finish_reason != null) this.#finished.add(index)
    }
  }

  /** Called when the body ended without `[DONE]`: fine only if every choice seen has finished. */
  assertComplete(): void {
    if (this.#finished.size > 0 && this.#finished.size === this.#seen.size) return
    throw new ChatStreamError(
      'incomplete_stream',
      'The chat stream ended before the reply was complete (no finish_reason and no [DONE]): ' +
        'the connection was probably lost.',
    )
  }
}
