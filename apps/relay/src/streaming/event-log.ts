/** One event of a generation: its `id:` (1, 2, ... per generation) and its `data:`. */
export interface StreamEvent {
  id: number
  data: string
}

/**
 * The events of one generation, in order: written by the generation alone, read by any number of
 * subscribers, each at its own pace. An in-memory log lives in {@link MemoryEventLog}; a shared one
 * (Redis) implements the same contract so a resume can be answered by another relay instance.
 */
export interface EventLog {
  /** Appends the next event and returns its id. Never called after {@link close}. */
  append(data: string): number
  /** No event follows: readers end once they have read everything. */
  close(): void
  /**
   * The events whose id is greater than `after`, then the live ones as they come, ending once the
   * log is closed and read to its end, or at once when `signal` aborts.
   */
  read(after: number, signal: AbortSignal): AsyncIterable<StreamEvent>
}

/** An {@link EventLog} in this process's memory; its size is bounded by the generation writing it. */
export class MemoryEventLog implements EventLog {
  readonly #events: StreamEvent[] = []
  readonly #waiting = new Set<() => void>()
  #closed = false

  append(data: string): number {
    const id = this.#events.length + 1
    this.#events.push({ id, data })
    this.#wake()
    return id
  }

  close(): void {
    this.#closed = true
    this.#wake()
  }

  async *read(after: number, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    let next = Math.max(0, after)
    while (!signal.aborted) {
      const event = this.#events[next]
      if (event !== undefined) {
        next += 1
        yield event
      } else if (this.#closed) {
        return
      } else {
        await this.#change(signal)
      }
    }
  }

  /** Resolves at the next append or close, or when `signal` aborts. */
  #change(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.#waiting.delete(done)
        signal.removeEventListener('abort', done)
        resolve()
      }
      this.#waiting.add(done)
      signal.addEventListener('abort', done, { once: true })
    })
  }

  #wake(): void {
    for (const done of [...this.#waiting]) done()
  }
}
