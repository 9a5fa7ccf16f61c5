import { describe, expect, it } from 'vitest'
import { createFrameClock } from './frame-clock.js'
import type { FrameEnvironment } from './frame-clock.js'
import { createTypewriter } from './typewriter.js'

// A browser stand-in: timers and animation frames run only when the test says so, and a hidden
// tab is played by never painting frames.
function fakeBrowser(options: { animationFrames: boolean }) {
  let time = 0
  let nextId = 0
  const timers = new Map<number, { at: number; cb: () => void }>()
  const frames = new Map<number, (time: number) => void>()
  const env: FrameEnvironment = {
    requestAnimationFrame: options.animationFrames
      ? (cb) => {
          frames.set(++nextId, cb)
          return nextId
        }
      : undefined,
    cancelAnimationFrame: options.animationFrames ? (id) => void frames.delete(id) : undefined,
    setTimeout: (cb, ms) => {
      timers.set(++nextId, { at: time + ms, cb })
      return nextId
    },
    clearTimeout: (id) => void timers.delete(id as number),
    now: () => time,
  }
  return {
    env,
    timers,
    frames,
    /** Lets `ms` pass, running timers as they come due (throttled background timers included). */
    advance(ms: number) {
      const end = time + ms
      for (;;) {
        const next = [...timers].sort((a, b) => a[1].at - b[1].at)[0]
        if (next === undefined || next[1].at > end) break
        timers.delete(next[0])
        time = next[1].at
        next[1].cb()
      }
      time = end
    },
    paint() {
      const due = [...frames.values()]
      frames.clear()
      for (const cb of due) cb(time)
    },
  }
}

describe('createFrameClock', () => {
  it('runs the callback on the next animation frame and drops its watchdog timer', () => {
    const browser = fakeBrowser({ animationFrames: true })
    const clock = createFrameClock(browser.env)
    const calls: number[] = []
    clock.requestFrame((t) => calls.push(t))
    browser.advance(10)
    browser.paint()
    browser.advance(500)
    expect(calls).toEqual([10])
    expect(browser.timers.size).toBe(0)
  })

  it('falls back to a timer when no animation frame comes, as in a hidden tab', () => {
    const browser = fakeBrowser({ animationFrames: true })
    const clock = createFrameClock(browser.env)
    const calls: number[] = []
    clock.requestFrame((t) => calls.push(t))
    browser.advance(99)
    expect(calls).toEqual([])
    browser.advance(1)
    browser.paint()
    expect(calls).toEqual([100])
    expect(browser.frames.size).toBe(0)
  })

  it('uses 60 Hz timers where requestAnimationFrame does not exist (Node, workers)', () => {
    const browser = fakeBrowser({ animationFrames: false })
    const clock = createFrameClock(browser.env)
    const calls: number[] = []
    clock.requestFrame((t) => calls.push(t))
    browser.advance(16)
    expect(calls).toEqual([16])
  })

  it('cancels both the animation frame and the timer', () => {
    const browser = fakeBrowser({ animationFrames: true })
    const clock = createFrameClock(browser.env)
    const calls: number[] = []
    clock.cancelFrame(clock.requestFrame((t) => calls.push(t)))
    browser.paint()
    browser.advance(1000)
    expect(calls).toEqual([])
    expect(browser.timers.size + browser.frames.size).toBe(0)
  })

  it('lets a typewriter finish a reply in a hidden tab where frames never come', () => {
    const browser = fakeBrowser({ animationFrames: true })
    const updates: string[] = []
    let done = false
    const typewriter = createTypewriter({
      clock: createFrameClock(browser.env),
      reducedMotion: false,
      onUpdate: (text, state) => {
        updates.push(text)
        done = state.done
      },
    })
    const reply = 'The tab is hidden, yet every word still arrives. '.repeat(20)
    for (const word of reply.split(/(?<= )/)) {
      typewriter.push(word)
      browser.advance(50)
    }
    typewriter.finish()
    // Background tabs run timers about once a second; the last words are due one lag bound (3 s at
    // the default pace) after they arrived.
    browser.advance(4000)
    expect(updates.length).toBeGreaterThan(1)
    expect(typewriter.visible).toBe(reply)
    expect(done).toBe(true)
  })
})
