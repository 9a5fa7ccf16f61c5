/**
 * A source of time and frames for the typewriter. The default one uses `requestAnimationFrame` with a
 * timer fallback; tests inject a manual clock (see `createManualClock` in `@typewriter-chat/core/testing`).
 */
export interface TypewriterClock {
  /** The current time in milliseconds, on the same timeline as the times passed to frame callbacks. */
  now(): number
  /** Calls `cb` once at the next frame with the frame's time (ms); returns a handle for `cancelFrame`. */
  requestFrame(cb: (time: number) => void): unknown
  /** Cancels a frame requested with `requestFrame`; the callback will not run. */
  cancelFrame(handle: unknown): void
}

/** What the typewriter reports along with the visible text. */
export interface TypewriterState {
  /** `finish()` was called and everything received is now visible. */
  done: boolean
  /** `stop()` froze the text; nothing more is revealed unless `reveal()` is called. */
  stopped: boolean
  /** Grapheme clusters received but not yet visible. */
  pending: number
}

/** Options of `createTypewriter`. */
export interface TypewriterOptions {
  /**
   * Receives the whole visible text, at most once per frame, and only when the text or the `done` /
   * `stopped` state changed since the last call.
   */
  onUpdate: (visible: string, state: TypewriterState) => void
  /** Time and frame source; defaults to `requestAnimationFrame` with a timer fallback for hidden tabs. */
  clock?: TypewriterClock
  /** Steady reveal speed in grapheme clusters per second when the network keeps up. Default 60. */
  charsPerSecond?: number
  /**
   * The most the visible text may lag behind the received text, in milliseconds: a backlog is revealed
   * faster so that every grapheme shows at most this long after it arrived. Default: the time 180
   * graphemes take at `charsPerSecond` (3 s at 60/s, 18 s at 10/s, 0.45 s at 400/s), so the chosen pace
   * shows even when the model streams faster, and a long reply still catches up.
   */
  maxLagMs?: number
  /**
   * Show every push at once, without animation. Defaults to the user's
   * `prefers-reduced-motion: reduce` setting where `matchMedia` exists, else `false`.
   */
  reducedMotion?: boolean
  /** `false` turns the animation off: every push is shown at once. Default `true`. */
  enabled?: boolean
}

/** A running typewriter for one reply at a time; see `createTypewriter`. */
export interface Typewriter {
  /** Appends received text; it is revealed grapheme by grapheme. */
  push(text: string): void
  /** The stream ended: what is left is revealed within a short bounded time, then `done` is reported. */
  finish(): void
  /** Freezes the visible text at once (the user pressed Stop); later pushes are kept but not shown. */
  stop(): void
  /** Shows everything received so far immediately. */
  reveal(): void
  /** Clears all text and state for a new reply. Does not call `onUpdate`. */
  reset(): void
  /** The text shown so far (what `onUpdate` last received). */
  readonly visible: string
  /** All text pushed since the last reset. */
  readonly received: string
  /** Grapheme clusters received but not yet visible. */
  readonly pending: number
  /** Cancels any scheduled frame; the typewriter stays silent from then on. */
  dispose(): void
}
