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
  #resume: (() => void) | undefined

  constructor(chunks: AsyncIterable<ChatCompletionChunk>, sink: ChunkSink) {
    this.#chunks = chunks[Symbol.asyncIterator]()
    void this.#run(sink)
  }

  resume(): void {
    const resume = this.#resume
    this.#resume = undefined
    resume?.()
  }

  cancel(): void {
    // Closing the iterator cancels the upstream; its own outcome is no longer anyone's business.
    this.#chunks.return?.().catch(() => {})
    this.resume()
  }

  async #run(sink: ChunkSink): Promise<void> {
    try {
      for (;;) {
        const result = await this.#chunks.next()
        if (result.done) break
        const chunk = result.value
        if (!sink.chunk(chunk, rawPayloadOf(chunk))) {
          await new Promise<void>((resolve) => (this.#resume = resolve))
        }
      }
    } catch (error) {
      sink.fail(error)
      return
    }
    sink.end()
  }
}
