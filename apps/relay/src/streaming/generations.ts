import { randomUUID } from 'node:crypto'
import type { ChatRequest } from '@typewriter-chat/core'
import type { RequestLogInfo } from '../log/request-log.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { MemoryEventLog } from './event-log.js'
import { Generation } from './generation.js'
import type { FollowedStream, SharedStreams } from './shared-streams.js'

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
 * until their log expires (`ttlMs` after they ended). With {@link SharedStreams}, so are the
 * generations of the other relay instances sharing it.
 */
export class Generations {
  readonly #live = new Map<string, Generation>()
  readonly #settings: GenerationSettings
  readonly #shared: SharedStreams | undefined

  constructor(settings: GenerationSettings, shared?: SharedStreams) {
    this.#settings = settings
    this.#shared = shared
  }

  /** Starts a generation of `request`; `info` is the log record of the request that started it. */
  start(
    relay: RelayContext,
    request: ChatRequest,
    options: { continuation: boolean; info: RequestLogInfo },
  ): Generation {
    const { maxBytes, resumeGraceMs, ttlMs } = this.#settings
    const shared = this.#shared
    // 122 random bits (a v4 UUID): an id cannot be guessed.
    const id = randomUUID()
    const generation = new Generation(relay, request, {
      ...options,
      id,
      log: shared?.createLog(id) ?? new MemoryEventLog(),
      maxBytes,
      resumeGraceMs,
      ...(shared !== undefined && { followedElsewhere: () => shared.followedElsewhere(id) }),
    })
    this.#live.set(id, generation)
    const unlisten = shared?.listenForStop(id, () => generation.stop())
    void generation.accepted.then((failure) => {
      // A refused request was answered with an HTTP status: there is no stream to resume.
      if (failure !== undefined) this.#live.delete(id)
    })
    void generation.finished.then(() => {
      unlisten?.()
      setTimeout(() => this.#live.delete(id), ttlMs).unref()
    })
    return generation
  }

  /** Generation `id`, running or ended within the retention period, here or on another instance. */
  async find(id: string): Promise<FollowedStream | undefined> {
    return this.#live.get(id) ?? (await this.#shared?.find(id))
  }

  /** Stops generation `id` wherever it runs; false when no such generation is known. */
  async stop(id: string): Promise<boolean> {
    const generation = this.#live.get(id)
    if (generation === undefined) return (await this.#shared?.stop(id)) ?? false
    generation.stop()
    return true
  }

  /**
   * Ends every running generation with `server_shutting_down`; resolves once each one's last
   * event is written and the shared store, if any, is left.
   */
  async shutDown(): Promise<void> {
    const generations = [...this.#live.values()]
    for (const generation of generations) generation.shutDown()
    await Promise.all(generations.map((generation) => generation.finished))
    await this.#shared?.close()
  }
}
