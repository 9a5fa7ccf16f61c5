import { randomUUID } from 'node:crypto'
import type { createClient } from '@redis/client'
import { RelayError } from '../http/relay-error.js'
import type { StreamEvent } from '../streaming/event-log.js'
import type { FollowedStream } from '../streaming/shared-streams.js'
import type { RedisKeys } from './redis-keys.js'

type RedisClient = ReturnType<typeof createClient>

/** What a {@link RemoteStream} needs of the instance following it. */
export interface RemoteStreamContext {
  client: RedisClient
  keys: RedisKeys
  /** How long an instance's lease (and a follower's mark) lasts without renewal. */
  leaseMs: number
  /** How long a log's keys are kept, counted from their last renewal. */
  ttlMs: number
}

/** One entry of a Redis stream as the client returns it. */
interface StreamEntry {
  id: string
  message: Record<string, string>
}

const OWNER_GONE = 'The relay instance running this reply is gone; the reply cannot be finished.'
const EVENTS_MISSING =
  'Events of this reply are missing from the shared store (Redis was unreachable for a while); ' +
  'the reply cannot be finished here.'

const STORE_FAILED = 'The shared store (Redis) failed while this reply was read from it.'

function interrupted(message: string, cause?: unknown): RelayError {
  return new RelayError('stream_interrupted', message, { status: 502, cause })
}

/** The entries of the one stream an `XREAD` asked for, or none when it timed out. */
function entriesOf(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return []
  const stream = reply[0] as { messages?: StreamEntry[] } | undefined
  return stream?.messages ?? []
}

/**
 * A generation that another relay instance runs, followed through its Redis stream. Each read has
 * a connection of its own, since a blocking `XREAD` holds its connection until events come. While
 * the stream has nothing new, the owner's lease is checked: an owner that died without ending the
 * log ends the read with `stream_interrupted` instead of a wait that never ends.
 */
export class RemoteStream implements FollowedStream {
  readonly id: string
  readonly #owner: string
  readonly #context: RemoteStreamContext
  /** Marks this response as a follower in Redis, so the owner does not give the reply up. */
  readonly #follower = randomUUID()
  #marking: NodeJS.Timeout | undefined

  constructor(id: string, owner: string, context: RemoteStreamContext) {
    this.id = id
    this.#owner = owner
    this.#context = context
  }

  async *read(after: number, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    const { client, keys, leaseMs } = this.#context
    const reader = client.duplicate()
    // Its failures reach the pending command, which is where they are handled.
    reader.on('error', () => {})
    const hangUp = (): void => reader.destroy()
    signal.addEventListener('abort', hangUp, { once: true })
    try {
      await reader.connect()
      let last = after
      let ownerGone = false
      while (!signal.aborted) {
        const key = { key: keys.log(this.id), id: `0-${last}` }
        const entries = entriesOf(
          await reader.xRead(key, ownerGone ? { COUNT: 512 } : { COUNT: 512, BLOCK: leaseMs / 2 }),
        )
        if (entries.length === 0) {
          if (ownerGone) throw interrupted(OWNER_GONE)
          // Read once more without waiting: an owner may end its log and its lease together.
          ownerGone = (await client.exists(keys.instance(this.#owner))) === 0
          continue
        }
        for (const entry of entries) {
          if (entry.message.end !== undefined) return
          const id = Number(entry.id.slice(entry.id.indexOf('-') + 1))
          // The owner's writes are never awaited: one that failed leaves a hole, which must end
          // the reply rather than pass for it.
          if (id !== last + 1) throw interrupted(EVENTS_MISSING)
          last = id
          yield { id, data: entry.message.d ?? '' }
        }
      }
    } catch (error) {
      if (signal.aborted) return
      throw error instanceof RelayError ? error : interrupted(STORE_FAILED, error)
    } finally {
      signal.removeEventListener('abort', hangUp)
      if (reader.isOpen) reader.destroy()
    }
  }

  subscribe(): void {
    const { leaseMs } = this.#context
    this.#mark()
    this.#marking = setInterval(() => this.#mark(), leaseMs / 3).unref()
  }

  unsubscribe(): void {
    clearInterval(this.#marking)
    const { client, keys } = this.#context
    client.zRem(keys.followers(this.id), this.#follower).catch(() => {})
  }

  #mark(): void {
    const { client, keys, leaseMs, ttlMs } = this.#context
    const key = keys.followers(this.id)
    void client
      .multi()
      .zAdd(key, { score: Date.now() + leaseMs, value: this.#follower })
      .pExpire(key, ttlMs + leaseMs)
      .exec()
      .catch(() => {})
  }
}
