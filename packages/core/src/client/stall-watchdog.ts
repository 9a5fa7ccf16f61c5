/** Which wait ran too long: for the first body bytes of an answer, or for the next bytes after them. */
export type StallKind = 'first-byte' | 'idle'

/** Options of {@link StallWatchdog}. */
export interface StallWatchdogOptions {
  /**
   * Longest time from the watchdog's creation (the request being sent) until the first body bytes,
   * counting only while the reader waits. Default: none.
   */
  firstByteTimeoutMs?: number | undefined
  /** Longest wait for the next bytes once the first arrived. Default: none. */
  idleTimeoutMs?: number | undefined
  /** Called once, when a timeout passed while waiting; the watchdog has stopped by then. */
  onStall: (kind: StallKind, timeoutMs: number) => void
}

/**
 * The stall timers of one streamed answer: a first-byte deadline and an idle timeout, which run
 * only while the reader waits on the network. A consumer that is slow to read (back-pressure) never
 * trips them, and any bytes end a wait, SSE comments (`: ping`) included: a server that sends them
 * is alive, however long its model thinks. `streamChat` uses one per request; a server relaying a
 * stream drives its own from its socket reads.
 *
 * Cheap enough to call on every read: one timer, moved lazily (a call only stores the time; the
 * timer, when it fires early, re-arms for the time left).
 *
 * @example
 * ```ts
 * const watchdog = new StallWatchdog({
 *   firstByteTimeoutMs: 60_000,
 *   idleTimeoutMs: 30_000,
 *   onStall: (kind, ms) => upstream.destroy(new Error(`${kind} timeout after ${ms} ms`)),
 * })
 * watchdog.wait() // request sent
 * upstream.on('data', () => watchdog.received())
 * upstream.on('pause', () => watchdog.pause()).on('resume', () => watchdog.wait())
 * upstream.on('close', () => watchdog.stop())
 * ```
 */
export class StallWatchdog {
  readonly #options: StallWatchdogOptions
  readonly #firstByteDue: number | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  /** When the pending timer fires. */
  #timerDue = 0
  /** Start of the silence being measured: the start of the wait or the last bytes, the later. */
  #since = 0
  #waiting = false
  #gotBytes = false
  #stopped = false

  constructor(options: StallWatchdogOptions) {
    this.#options = options
    const firstByte = options.firstByteTimeoutMs
    this.#firstByteDue = firstByte === undefined ? undefined : performance.now() + firstByte
  }

  /** The reader starts waiting on the network: the request was sent, or a read is pending. */
  wait(): void {
    if (this.#stopped || this.#waiting) return
    this.#waiting = true
    this.#since = performance.now()
    if (this.#timer === undefined) this.#schedule()
  }

  /** Body bytes arrived. The wait goes on (call {@link pause} when the reader stops reading). */
  received(): void {
    this.#since = performance.now()
    if (this.#gotBytes) return
    this.#gotBytes = true
    // From the first-byte deadline to the idle timeout: the next check may be due sooner.
    const due = this.#due()
    if (this.#timer !== undefined && due !== undefined && due < this.#timerDue) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
    if (this.#waiting && this.#timer === undefined) this.#schedule()
  }

  /** The reader stops waiting: the answer's headers arrived, a read was served, or it paused. */
  pause(): void {
    this.#waiting = false
  }

  /** The answer is over: no timer fires any more. */
  stop(): void {
    this.#stopped = true
    this.#waiting = false
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #due(): number | undefined {
    if (!this.#gotBytes) return this.#firstByteDue
    const idle = this.#options.idleTimeoutMs
    return idle === undefined ? undefined : this.#since + idle
  }

  #schedule(): void {
    const due = this.#due()
    if (due === undefined) return
    this.#timerDue = due
    this.#timer = setTimeout(this.#fire, Math.max(0, due - performance.now()))
  }

  readonly #fire = (): void => {
    this.#timer = undefined
    // Not waiting: the next wait() arms the timer again.
    if (this.#stopped || !this.#waiting) return
    const due = this.#due()
    if (due === undefined) return
    if (due > performance.now()) {
      this.#schedule()
      return
    }
    this.stop()
    const { firstByteTimeoutMs, idleTimeoutMs } = this.#options
    if (this.#gotBytes) this.#options.onStall('idle', idleTimeoutMs ?? 0)
    else this.#options.onStall('first-byte', firstByteTimeoutMs ?? 0)
  }
}
