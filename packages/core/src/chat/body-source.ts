/**
 * One pull interface over both body shapes the parser accepts, so the read loop is written once.
 * @internal
 */
export interface BodySource {
  /** The next read; `done` once the body has ended by itself. */
  next(): Promise<IteratorResult<Uint8Array, unknown>>
  /**
   * Stops the body early ([DONE], an error, an abort, or a consumer that left) and lets go of it.
   * Not awaited by callers: a source whose cancellation never settles must not hang the consumer.
   */
  cancel(reason?: unknown): void
  /** Lets go of a body that ended by itself, so the stream is unlocked for others. */
  release(): void
}

function ignore(): void {}

/**
 * Opens a `ReadableStream` through its reader (async iteration of streams is missing in Safari) and
 * any other `AsyncIterable` (Node streams, test generators) through its iterator.
 * @internal
 */
export function openBody(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): BodySource {
  if (typeof (body as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (body as ReadableStream<Uint8Array>).getReader()
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array, unknown>>,
      cancel(reason) {
        // cancel() runs the source's cancel algorithm synchronously (the upstream request stops now)
        // and settles pending reads, so the lock can be released right after.
        reader.cancel(reason).catch(ignore)
        reader.releaseLock()
      },
      release: () => reader.releaseLock(),
    }
  }
  const iterator = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
  return {
    next: () => iterator.next(),
    cancel(reason) {
      if (iterator.return) Promise.resolve(iterator.return(reason)).catch(ignore)
    },
    release: ignore,
  }
}
