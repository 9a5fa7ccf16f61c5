interface Deadline {
  /** Grapheme position (a `GraphemeQueue.completed` count) that must be released by `at`. */
  through: number
  at: number
}

// Pushes whose deadlines fall this close together share one entry (the earlier deadline), so a
// burst of tiny pushes costs one entry per millisecond at most, not one per push.
const MERGE_WITHIN_MS = 1

/**
 * Decides how many graphemes a frame releases.
 *
 * Every grapheme gets a deadline: the time it became complete plus `maxLagMs`. Each frame releases at
 * the lowest constant rate that meets all pending deadlines, and never below `charsPerSecond`. That
 * rate, applied to the time elapsed, gives the same text at a given moment whatever the frame rate
 * (the rate that meets the tightest deadline stays the same as frames go by), and any grapheme still
 * due by the frame's time is released regardless, so long gaps between frames (a hidden tab) cannot
 * break the lag bound.
 */
export class ReleasePacer {
  readonly #minRate: number
  readonly #maxLagMs: number
  #deadlines: Deadline[] = []
  #budget = 0

  constructor(charsPerSecond: number, maxLagMs: number) {
    this.#minRate = charsPerSecond / 1000
    this.#maxLagMs = maxLagMs
  }

  /** Records that graphemes up to position `through` became complete at time `now`. */
  add(through: number, now: number): void {
    const at = now + this.#maxLagMs
    const last = this.#deadlines.at(-1)
    if (last !== undefined && at - last.at < MERGE_WITHIN_MS) last.through = through
    else this.#deadlines.push({ through, at })
  }

  /**
   * Adds the release budget earned from `from` to `to` (ms) at the rate the deadlines then required.
   * Called at every frame, and before new text or `finish()` changes the deadlines between frames, so
   * the new text earns nothing for the time before it arrived.
   */
  accrue(released: number, from: number, to: number): void {
    if (to <= from) return
    this.#prune(released)
    let rate = this.#minRate
    for (const { through, at } of this.#deadlines) {
      if (at > from) rate = Math.max(rate, (through - released) / (at - from))
    }
    this.#budget += rate * (to - from)
  }

  /** How many graphemes to release at time `now`, given `released` ones out and `releasable` waiting. */
  take(released: number, releasable: number, now: number): number {
    this.#prune(released)
    let due = 0
    for (const { through, at } of this.#deadlines) {
      if (at > now) break
      due = through - released
    }
    const count = Math.min(releasable, Math.max(due, Math.floor(this.#budget)))
    // Unused budget is dropped once the queue is empty, so an idle pause never banks a later burst.
    this.#budget = count === releasable ? 0 : Math.max(0, this.#budget - count)
    return count
  }

  /** Forgets all deadlines, for a new reply or after everything was revealed. */
  reset(): void {
    this.#deadlines = []
    this.#budget = 0
  }

  #prune(released: number): void {
    while (this.#deadlines[0] !== undefined && this.#deadlines[0].through <= released) {
      this.#deadlines.shift()
    }
  }
}
