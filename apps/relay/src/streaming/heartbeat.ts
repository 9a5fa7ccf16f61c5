/** A stream the {@link Heartbeat} keeps alive. */
export interface HeartbeatStream {
  /** Set by the stream on every write; the heartbeat reads and clears it. */
  wrote: boolean
  /** Ticks without a write, counted by the heartbeat. */
  silentTicks: number
  /** True once the stream is over: the heartbeat forgets it. */
  readonly closed: boolean
  /** Sends the keep-alive comment. */
  ping(): void
}

/** Ticks per interval: a silent stream is pinged after 1 to 1.25 intervals of silence. */
const TICKS_PER_INTERVAL = 4

/**
 * One timer for all the open streams of a relay. A timer per stream, pushed back by every write,
 * costs a timer-list update per relayed chunk and a timer object per stream; here a write only sets
 * a flag, and a tick every quarter interval pings the streams that stayed silent for a whole
 * interval. The timer runs only while streams are open and never keeps the process alive.
 */
export class Heartbeat {
  readonly #intervalMs: number
  readonly #streams = new Set<HeartbeatStream>()
  #timer: NodeJS.Timeout | undefined

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs
  }

  add(stream: HeartbeatStream): void {
    stream.wrote = false
    stream.silentTicks = 0
    this.#streams.add(stream)
    if (this.#timer === undefined) {
      this.#timer = setInterval(this.#tick, this.#intervalMs / TICKS_PER_INTERVAL).unref()
    }
  }

  delete(stream: HeartbeatStream): void {
    this.#streams.delete(stream)
    if (this.#streams.size === 0) this.#stop()
  }

  readonly #tick = (): void => {
    for (const stream of this.#streams) {
      if (stream.closed) {
        this.#streams.delete(stream)
      } else if (stream.wrote) {
        stream.wrote = false
        stream.silentTicks = 0
      } else if (++stream.silentTicks >= TICKS_PER_INTERVAL) {
        stream.silentTicks = 0
        stream.ping()
      }
    }
    if (this.#streams.size === 0) this.#stop()
  }

  #stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}
