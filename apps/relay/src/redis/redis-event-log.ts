import { MemoryEventLog } from '../streaming/event-log.js'
import type { EventLog, StreamEvent } from '../streaming/event-log.js'

/** Where a {@link RedisEventLog} copies its events. */
export interface LogMirror {
  /** Event `id` was appended. */
  append(id: number, data: string): void
  /** The log ended after `lastId` events. */
  end(lastId: number): void
}

/**
 * The log of a generation running on this instance: read from memory by this instance's
 * responses (as without Redis), and copied to Redis for the other instances' resumes.
 */
export class RedisEventLog implements EventLog {
  readonly #local = new MemoryEventLog()
  readonly #mirror: LogMirror
  #last = 0

  constructor(mirror: LogMirror) {
    this.#mirror = mirror
  }

  append(data: string): number {
    const id = this.#local.append(data)
    this.#last = id
    this.#mirror.append(id, data)
    return id
  }

  close(): void {
    this.#local.close()
    this.#mirror.end(this.#last)
  }

  read(after: number, signal: AbortSignal): AsyncIterable<StreamEvent> {
    return this.#local.read(after, signal)
  }
}
