import type { ChatRequest } from '@typewriter-chat/core'
import type { RequestLogInfo } from '../log/request-log.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { MemoryEventLog } from './event-log.js'
import { Generation } from './generation.js'
import type { StopChannel } from './stop-channel.js'

/** How generations are kept, resumed and given up (see `RelayConfig.streams`). */
export interface GenerationSettings {
  /** How long a generation's log is kept after it ended, for late resumes. */
  ttlMs: number
  /** How long a generation nobody follows goes on, waiting for a resume; 0 cancels at once. */
  resumeGraceMs: number
  /** Largest total size of one generation's events' data, in UTF-8 bytes. */
  maxBytes: number
}

/**
 * The relay's generations by id: started by `POST /api/chat`, found again by a resume or a stop
 * until their log expires (`ttlMs` after they ended).
 */
export class Generations {
  readonly #live = new Map<string, Generation>()
  readonly #settings: GenerationSettings
  readonly #stops: StopChannel

  constructor(settings: GenerationSettings, stops: StopChannel) {
    this.#settings = settings
    this.#stops = stops
  }

  /** Starts a generation of `request`; `info` is the log record of the request that started it. */
  start(
    relay: RelayContext,
    request: ChatRequest,
    options: { continuation: boolean; info: RequestLogInfo },
  ): Generation {
    const { maxBytes, resumeGraceMs, ttlMs } = this.#settings
    const generation = new Generation(relay, request, {
      ...options,
      log: new MemoryEventLog(),
      maxBytes,
      resumeGraceMs,
    })
    const { id } = generation
    this.#live.set(id, generation)
    const unlisten = this.#stops.listen(id, () => generation.stop())
    void generation.accepted.then((failure) => {
      // A refused request was answered with an HTTP status: there is no stream to resume.
      if (failure !== undefined) this.#live.delete(id)
    })
    void generation.finished.then(() => {
      unlisten()
      setTimeout(() => this.#live.delete(id), ttlMs).unref()
    })
    return generation
  }

  /** The generation `id`, running or ended within the retention period. */
  get(id: string): Generation | undefined {
    return this.#live.get(id)
  }

  /** Stops generation `id`; false when no such generation is known. */
  stop(id: string): boolean {
    if (!this.#live.has(id)) return false
    this.#stops.send(id)
    return true
  }

  /** Ends every running generation with `server_shutting_down`. */
  shutDown(): void {
    for (const generation of this.#live.values()) generation.shutDown()
  }
}
