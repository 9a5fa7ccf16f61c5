import type { ChatCompletionChunk } from '@typewriter-chat/core'

/**
 * Where the chunks of one reply are pushed as they are decoded: no promise, no iterator step and no
 * microtask hop per chunk between the upstream's socket and the client's.
 */
export interface ChunkSink {
  /** The upstream accepted the request (it may be called once per continuation round). */
  accepted(): void
  /**
   * One chunk, and the upstream's own `data:` text of it when the chunk is unchanged (so it can be
   * forwarded without a second serialisation). Returns false to ask for a pause: no more upstream
   * reads until the flow's `resume()` (chunks already decoded from the same read still arrive).
   */
  chunk(chunk: ChatCompletionChunk, raw: string | undefined): boolean
  /** The reply ended, or it was stopped by the flow's abort signal. Called at most once. */
  end(): void
  /** The reply failed. Called at most once, and never after {@link end}. */
  fail(error: unknown): void
}

/** The producer side of a {@link ChunkSink}: what its consumer can ask of it. */
export interface ChunkFlow {
  /** Reads again after the sink asked for a pause. */
  resume(): void
  /** Stops reading and cancels the upstream call, without another call to the sink. */
  cancel(): void
}
