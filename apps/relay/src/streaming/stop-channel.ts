/**
 * How a stop reaches the generation it names, wherever that generation runs. In one process it is
 * a call; across relay instances (Redis pub/sub) the same two methods carry it.
 */
export interface StopChannel {
  /** Asks generation `id` to stop. */
  send(id: string): void
  /** Calls `onStop` when a stop for `id` arrives; the returned function stops listening. */
  listen(id: string, onStop: () => void): () => void
}

/** A {@link StopChannel} within this process. */
export class MemoryStopChannel implements StopChannel {
  readonly #listeners = new Map<string, () => void>()

  send(id: string): void {
    this.#listeners.get(id)?.()
  }

  listen(id: string, onStop: () => void): () => void {
    this.#listeners.set(id, onStop)
    return () => {
      if (this.#listeners.get(id) === onStop) this.#listeners.delete(id)
    }
  }
}
