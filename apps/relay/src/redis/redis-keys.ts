/**
 * Where the shared state of generations lives in Redis, under one prefix so that several relays
 * (or other apps) can share a database.
 */
export class RedisKeys {
  readonly #prefix: string

  constructor(prefix: string) {
    this.#prefix = prefix
  }

  /** The Redis stream of generation `id`'s events: entry `0-N` is event N. */
  log(id: string): string {
    return `${this.#prefix}stream:${id}`
  }

  /** The id of the instance running generation `id`. */
  owner(id: string): string {
    return `${this.#prefix}stream:${id}:owner`
  }

  /** The responses following generation `id` from other instances, scored by when they lapse. */
  followers(id: string): string {
    return `${this.#prefix}stream:${id}:followers`
  }

  /** Exists while instance `instance` is alive (its lease). */
  instance(instance: string): string {
    return `${this.#prefix}instance:${instance}`
  }

  /** The pub/sub channel stops travel on; each message is a generation id. */
  stops(): string {
    return `${this.#prefix}stop`
  }
}
