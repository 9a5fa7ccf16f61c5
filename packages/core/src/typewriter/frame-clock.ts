import type { TypewriterClock } from './types.js'

/** The globals the default clock needs, injectable so tests can play a hidden tab. */
export interface FrameEnvironment {
  requestAnimationFrame?: ((cb: (time: number) => void) => number) | undefined
  cancelAnimationFrame?: ((handle: number) => void) | undefined
  setTimeout: (cb: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
  now: () => number
}

// Browsers stop animation frames in background tabs (and some hidden iframes); a timer this long
// after each frame request keeps text flowing there. Background timers are throttled to about one
// per second, which the typewriter absorbs: everything due by then is released in that tick.
const WATCHDOG_MS = 100

// Without requestAnimationFrame (Node, some workers) frames are timers at about 60 Hz.
const TIMER_FRAME_MS = 16

interface FrameHandle {
  frame: number | undefined
  timer: unknown
}

function globalEnvironment(): FrameEnvironment {
  const g = globalThis
  const hasFrames = typeof g.requestAnimationFrame === 'function'
  return {
    requestAnimationFrame: hasFrames ? (cb) => g.requestAnimationFrame(cb) : undefined,
    cancelAnimationFrame: hasFrames ? (handle) => g.cancelAnimationFrame(handle) : undefined,
    setTimeout: (cb, ms) => g.setTimeout(cb, ms),
    clearTimeout: (handle) => g.clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => g.performance.now(),
  }
}

/**
 * The default clock: animation frames when the environment has them, raced by a timer so that a
 * frame still comes when the browser withholds them (hidden tab); plain timers elsewhere.
 */
export function createFrameClock(env: FrameEnvironment = globalEnvironment()): TypewriterClock {
  const { requestAnimationFrame: raf, cancelAnimationFrame: caf } = env
  return {
    now: env.now,
    requestFrame(cb) {
      const handle: FrameHandle = { frame: undefined, timer: undefined }
      let fired = false
      const fire = (time: number): void => {
        if (fired) return
        fired = true
        if (handle.frame !== undefined) caf?.(handle.frame)
        env.clearTimeout(handle.timer)
        cb(time)
      }
      if (raf === undefined) {
        handle.timer = env.setTimeout(() => fire(env.now()), TIMER_FRAME_MS)
      } else {
        handle.frame = raf(fire)
        handle.timer = env.setTimeout(() => fire(env.now()), WATCHDOG_MS)
      }
      return handle
    },
    cancelFrame(handle) {
      const { frame, timer } = handle as FrameHandle
      if (frame !== undefined) caf?.(frame)
      env.clearTimeout(timer)
    },
  }
}
