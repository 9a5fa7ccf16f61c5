import { randomUUID } from 'node:crypto'
import { createClient } from '@redis/client'
import type { RelayLogger } from '../log/logger.js'
import type { EventLog } from '../streaming/event-log.js'
import type { FollowedStream, SharedStreams } from '../streaming/shared-streams.js'
import { RedisEventLog } from './redis-event-log.js'
import { RedisKeys } from './redis-keys.js'
import { RemoteStream } from './remote-stream.js'
import type { RemoteStreamContext } from './remote-stream.js'

type RedisClient = ReturnType<typeof createClient>

/** Options of {@link RedisStreams}. */
export interface RedisStreamsOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` for TLS. */
  url: string
  /** Prefix of every key and channel. */
  keyPrefix: string
  /** How long a generation's log is kept after it ended. */
  ttlMs: number
  /** How long an instance counts as alive without renewing its lease. */
  leaseMs: number
  logger: RelayLogger
}

/**
 * {@link SharedStreams} over Redis. Each generation's events go to a Redis stream (entry `0-N` is
 * event N, a last entry with an `end` field closes it) next to a key naming the instance running
 * it; each instance holds a lease key it renews, so the others can tell a dead owner from a
 * quiet one; stops travel on one pub/sub channel. Every write is sent without waiting (Redis
 * pipelines them in order on one connection): a generation never waits for Redis.
 */
export class RedisStreams implements SharedStreams {
  /**
   * Resolves once both connections are up; rejects at the first failure to connect (the client
   * goes on retrying, so a relay that does not wait for this serves once Redis is back).
   */
  readonly ready: Promise<void>
  readonly #options: RedisStreamsOptions
  readonly #keys: RedisKeys
  readonly #client: RedisClient
  readonly #subscriber: RedisClient
  readonly #instance = randomUUID()
  readonly #stopListeners = new Map<string, () => void>()
  /** Generations of this instance whose log is still open: their keys are renewed with the lease. */
  readonly #running = new Set<string>()
  readonly #renewal: NodeJS.Timeout
  #lastError: string | undefined

  constructor(options: RedisStreamsOptions) {
    this.#options = options
    this.#keys = new RedisKeys(options.keyPrefix)
    // Writes fail at once while Redis is away instead of queueing without bound; a reader of a
    // log with a hole ends it with `stream_interrupted`.
    this.#client = createClient({ url: options.url, disableOfflineQueue: true })
    this.#subscriber = this.#client.duplicate()
    for (const connection of [this.#client, this.#subscriber]) {
      connection.on('error', (error: unknown) => this.#failed(error))
      connection.on('ready', () => (this.#lastError = undefined))
    }
    this.ready = new Promise((resolve, reject) => {
      // The first failure is the answer to "can the relay reach Redis?"; later ones are outages,
      // which the client rides out by reconnecting.
      this.#client.once('error', reject)
      this.#subscriber.once('error', reject)
      this.#connect().then(resolve, reject)
    })
    this.ready.catch(() => {})
    this.#renewal = setInterval(() => this.#renew(), options.leaseMs / 3).unref()
  }

  createLog(id: string): EventLog {
    const { ttlMs, leaseMs } = this.#options
    const keys = this.#keys
    this.#running.add(id)
    this.#send(
      this.#client
        .set(keys.owner(id), this.#instance, { expiration: { type: 'PX', value: ttlMs + leaseMs } })
        .then(),
    )
    return new RedisEventLog({
      append: (eventId, data) => {
        const write = this.#client.xAdd(keys.log(id), `0-${eventId}`, { d: data })
        this.#send(eventId === 1 ? write.then(() => this.#expire(id, ttlMs + leaseMs)) : write)
      },
      end: (lastId) => {
        this.#running.delete(id)
        const end = this.#client.xAdd(keys.log(id), `0-${lastId + 1}`, { end: '1' })
        this.#send(end.then(() => this.#expire(id, ttlMs)))
      },
    })
  }

  listenForStop(id: string, onStop: () => void): () => void {
    this.#stopListeners.set(id, onStop)
    return () => {
      if (this.#stopListeners.get(id) === onStop) this.#stopListeners.delete(id)
    }
  }

  async followedElsewhere(id: string): Promise<boolean> {
    return (await this.#client.zCount(this.#keys.followers(id), Date.now(), '+inf')) > 0
  }

  async find(id: string): Promise<FollowedStream | undefined> {
    const owner = await this.#client.get(this.#keys.owner(id))
    if (owner === null) return undefined
    const context: RemoteStreamContext = {
      client: this.#client,
      keys: this.#keys,
      leaseMs: this.#options.leaseMs,
      ttlMs: this.#options.ttlMs,
    }
    return new RemoteStream(id, owner, context)
  }

  async stop(id: string): Promise<boolean> {
    if ((await this.#client.exists(this.#keys.owner(id))) === 0) return false
    await this.#client.publish(this.#keys.stops(), id)
    return true
  }

  async close(): Promise<void> {
    clearInterval(this.#renewal)
    for (const connection of [this.#client, this.#subscriber]) {
      // One that never connected has nothing to finish: its retries end here.
      if (!connection.isReady) connection.destroy()
    }
    if (this.#client.isReady) {
      await this.#client.del(this.#keys.instance(this.#instance)).catch(() => {})
    }
    await Promise.allSettled(
      [this.#client, this.#subscriber].filter((c) => c.isOpen).map((c) => c.close()),
    )
  }

  async #connect(): Promise<void> {
    await Promise.all([this.#client.connect(), this.#subscriber.connect()])
    await this.#subscriber.subscribe(this.#keys.stops(), (id) => this.#stopListeners.get(id)?.())
    this.#renew()
  }

  /** Renews this instance's lease and the keys of its running generations. */
  #renew(): void {
    const { ttlMs, leaseMs } = this.#options
    const lease = { expiration: { type: 'PX', value: leaseMs } } as const
    this.#send(this.#client.set(this.#keys.instance(this.#instance), '1', lease).then())
    for (const id of this.#running) this.#send(this.#expire(id, ttlMs + leaseMs))
  }

  /** Sets when generation `id`'s keys expire, `ms` from now. */
  async #expire(id: string, ms: number): Promise<void> {
    const keys = this.#keys
    await Promise.all([
      this.#client.pExpire(keys.log(id), ms),
      this.#client.pExpire(keys.owner(id), ms),
    ])
  }

  /** A write nobody waits for: its failure is logged (once per outage) instead of thrown. */
  #send(write: Promise<unknown>): void {
    write.catch((error: unknown) => this.#failed(error))
  }

  #failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    if (message === this.#lastError) return
    this.#lastError = message
    this.#options.logger.error(`redis: ${message}`, error)
  }
}
