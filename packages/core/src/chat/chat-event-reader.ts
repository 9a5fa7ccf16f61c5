import type { SSEEvent } from '../sse/sse-decoder.js'
import { createChunkDecoder } from './chunk-decoder.js'
import { ContentTemplate } from './content-template.js'
import type { TemplateField } from './content-template.js'
import { FinishTracker } from './finish-tracker.js'
import { parseChatChunk } from './parse-chat-chunk.js'
import type { ChatStreamEvent } from './types.js'

// After this many text chunks in a row that neither matched a template nor yielded one that then
// matched, the stream has no stable shape (a per-chunk timestamp, say): stop paying for learning.
const MAX_FRUITLESS_LEARNS = 4

/**
 * SSE events → chat events, synchronously: what `parseChatStream` does per read. Equivalent to
 * `parseChatChunk` + `FinishTracker` + the chunk decoder on every event, with a shortcut for the
 * common text-only chunk (see {@link ContentTemplate}).
 * @internal
 */
export class ChatEventReader {
  readonly #decoder = createChunkDecoder()
  readonly #tracker = new FinishTracker()
  #template: ContentTemplate | undefined
  #fruitlessLearns = 0

  /**
   * Appends the chat events of `events` to `out`. Returns true at `[DONE]` (later events are not
   * read). Throws the stream's errors, with the events before the failing one already in `out`.
   */
  read(events: readonly SSEEvent[], out: ChatStreamEvent[]): boolean {
    for (const event of events) {
      const template = this.#template
      if (template !== undefined && event.event === 'message') {
        const text = template.match(event.data)
        if (text !== undefined) {
          this.#fruitlessLearns = 0
          out.push(
            template.field === 'content'
              ? { type: 'content', choice: template.choice, text }
              : { type: 'reasoning', choice: template.choice, text },
          )
          continue
        }
      }
      if (this.#readFully(event, out)) return true
    }
    return false
  }

  // Kept out of `read` on purpose: it runs for a handful of chunks per reply, so the optimizing
  // compiler has no feedback for it, and inside the hot loop each first visit would deoptimize the
  // loop itself, once per stream.
  #readFully(event: SSEEvent, out: ChatStreamEvent[]): boolean {
    const chunk = parseChatChunk(event)
    if (chunk === undefined) return false
    if (chunk === 'done') return true
    this.#tracker.observe(chunk)
    const start = out.length
    this.#decoder.decodeInto(chunk, out)
    const template = this.#template
    // A template stands for one id and model (no meta event) within one round (the tracker already
    // saw its choice): anything else retires it.
    if (
      template !== undefined &&
      (chunk.id !== template.id || chunk.model !== template.model || chunk.continuation != null)
    ) {
      this.#template = undefined
    }
    const field = this.#textOnlyField(out, start, chunk.choices[0]?.delta)
    if (field !== undefined && this.#fruitlessLearns < MAX_FRUITLESS_LEARNS) {
      this.#fruitlessLearns++
      this.#template = ContentTemplate.learn(event.data, chunk, field) ?? this.#template
    }
    return false
  }

  /** True when every choice begun so far has finished: a body ending now lost nothing. */
  get complete(): boolean {
    return this.#tracker.complete
  }

  /** The body ended without `[DONE]`: throws `incomplete_stream` unless every choice finished. */
  end(): void {
    this.#tracker.assertComplete()
  }

  /** The delta field behind the chunk's events if they are one text event (after a first meta). */
  #textOnlyField(
    out: readonly ChatStreamEvent[],
    start: number,
    delta: { reasoning_content?: string | null } | undefined,
  ): TemplateField | undefined {
    let at = start
    if (out[at]?.type === 'meta') at++
    if (at !== out.length - 1) return undefined
    const type = out[at]?.type
    if (type === 'content') return 'content'
    if (type !== 'reasoning') return undefined
    return typeof delta?.reasoning_content === 'string' && delta.reasoning_content.length > 0
      ? 'reasoning_content'
      : 'reasoning'
  }
}
