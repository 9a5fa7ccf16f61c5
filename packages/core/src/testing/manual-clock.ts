import type { TypewriterClock } from '../typewriter/types.js'

/** A {@link TypewriterClock} driven by hand, for tests: time moves only when told to. */
export interface ManualClock extends TypewriterClock {
  /** Moves time forward by `ms` without running frames (e.g. to push text between frames). */
  advance(ms: number): void
  /**
   * Moves time forward by `ms` (default one 60 Hz frame) and runs the frame callbacks requested
   * before the call; callbacks they request wait for the next `tick`.
   */
  tick(ms?: number): void
  /** Frame callbacks waiting to run. */
  readonly pendingFrames: number
}

/** Creates a {@link ManualClock} whose time starts at `start` ms. */
export function createManualClock(start = 0): ManualClock {
  let time = start
  let nextHandle = 0
  const frames = new Map<number, (time: number) => void>()
  return {
    now: () => time,
    requestFrame(cb) {
      frames.set(++nextHandle, cb)
      return nextHandle
    },
    cancelFrame(handle) {
      if (typeof handle === 'number') frames.delete(handle)
    },
    advance(ms) {
      time += ms
    },
    tick(ms = 1000 / 60) {
      time += ms
      for (const handle of [...frames.keys()]) {
        // A callback may cancel a frame that was due in the same tick.
        const cb = frames.get(handle)
        if (cb === undefined) continue
        frames.delete(handle)
        cb(time)
      }
    },
    get pendingFrames() {
      return frames.size
    },
  }
}
