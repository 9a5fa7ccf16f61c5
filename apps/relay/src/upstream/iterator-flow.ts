import type { ChatCompletionChunk } from '@typewriter-chat/core'
import { rawPayloadOf } from './chunk-reader.js'
import type { ChunkFlow, ChunkSink } from './chunk-sink.js'

/**
 * Drives chunks that only come as an iterator (continuation: the core stitches the rounds as an
 * async generator) into a {@link ChunkSink}, so the reply's writer has one interface to serve. The
 * sink's `accepted()` is the source's business (it knows when a round was accepted).
 */
export class IteratorFlow implements ChunkFlow {
  readonly #chunks: AsyncIterator<ChatCompletionChunk>
  readonly #stop: AbortController
  #resume: (() => void) | undefined
  #over = false

  /** `stop` is the signal the iterator's rounds were opened with; cancel() aborts it. */
  constructor(chunks: AsyncIterable<ChatCompletionChunk>, sink: ChunkSink, stop: AbortController) {
    this.#chunks = chunks[Symbol.asyncIterator]()
    this.#stop = stop
    void this.#run(sink)
  }

  resume(): void {
    const resume = this.#resume
    this.#resume = undefined
    resume?.()
  }

  cancel(): void {
    if (this.#over) return
    this.#over = true
    // Aborting stops a round mid-read at once; closing the iterator stops the rounds. Their own
    // outcome is no longer anyone's business.
    this.#stop.abort(new Error('The consumer stopped reading.'))
    this.#chunks.return?.().catch(() => {})
    this.resume()
  }

  async #run(sink: ChunkSink): Promise<void> {
    try {
      for (;;) {
        const result = await this.#chunks.next()
        if (this.#over) return
        if (result.done) break
        const chunk = result.value
        if (!sink.chunk(chunk, rawPayloadOf(chunk))) {
          await new Promise<void>((resolve) => (this.#resume = resolve))
        }
      }
    } catch (error) {
      if (this.#over) return
      this.#over = true
      sink.fail(error)
      return
    }
    this.#over = true
    sink.end()
  }
}
