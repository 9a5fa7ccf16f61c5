import { afterEach, describe, expect, it, vi } from 'vitest'
import { createManualClock } from '../testing/manual-clock.js'
import { createTypewriter } from './typewriter.js'
import type { TypewriterOptions, TypewriterState } from './types.js'

interface Update {
  text: string
  state: TypewriterState
  time: number
}

function setup(options: Partial<TypewriterOptions> = {}) {
  const clock = createManualClock()
  const updates: Update[] = []
  const typewriter = createTypewriter({
    clock,
    reducedMotion: false,
    ...options,
    onUpdate: (text, state) => updates.push({ text, state, time: clock.now() }),
  })
  return { clock, updates, typewriter }
}

const FRAME_60HZ = 1000 / 60

describe('createTypewriter', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('reveals at charsPerSecond while the network keeps up', () => {
    const { clock, typewriter } = setup({ charsPerSecond: 50, maxLagMs: 10_000 })
    typewriter.push('x'.repeat(100))
    for (let i = 0; i < 60; i++) clock.tick(FRAME_60HZ)
    expect(typewriter.visible.length).toBeGreaterThanOrEqual(49)
    expect(typewriter.visible.length).toBeLessThanOrEqual(50)
  })

  it.each([
    ['60 Hz frames', FRAME_60HZ],
    ['frames a second apart (background tab timers)', 1000],
  ])('never lags more than maxLagMs behind a burst, with %s', (_, frameMs) => {
    const maxLagMs = 300
    const { clock, typewriter } = setup({ charsPerSecond: 60, maxLagMs })
    const received: Array<{ time: number; length: number }> = []
    const push = (text: string) => {
      typewriter.push(text)
      received.push({ time: clock.now(), length: typewriter.received.length })
    }
    const receivedBy = (time: number) => received.filter((r) => r.time <= time).at(-1)?.length ?? 0

    push('burst '.repeat(1000))
    for (let time = 0; time < 3000; time += 50) {
      if (time < 2000) push('steady stream of words ')
      const frameEnd = time + 50
      while (clock.now() + frameMs <= frameEnd + 1e-9) {
        const before = typewriter.visible.length
        clock.tick(frameMs)
        // One held-back grapheme (a single ASCII character here) may still be missing.
        expect(typewriter.visible.length).toBeGreaterThanOrEqual(
          receivedBy(clock.now() - maxLagMs) - 1,
        )
        // The burst is spread over the lag bound (about 330 per frame), not dumped at its deadline.
        if (frameMs < 100) expect(typewriter.visible.length - before).toBeLessThan(500)
      }
      clock.advance(frameEnd - clock.now())
    }
  })

  it('reveals the same text at 60 Hz, 144 Hz and with irregular frame gaps', () => {
    const pushes = [
      { time: 0, text: 'Hello there. '.repeat(3) },
      { time: 200, text: 'A burst from a buffering proxy. '.repeat(15) },
      { time: 700, text: 'trickle ' },
      { time: 1200, text: 'Another chunk, a little later. '.repeat(6) },
    ]
    const samples = Array.from({ length: 21 }, (_, i) => i * 100)
    const run = (frameTimes: number[]) => {
      const { clock, typewriter } = setup({ charsPerSecond: 40, maxLagMs: 400 })
      const todo = [...pushes]
      const seen: number[] = []
      for (const frame of [...new Set([...frameTimes, ...samples])].sort((a, b) => a - b)) {
        while (todo[0] !== undefined && todo[0].time <= frame) {
          const next = todo.shift()!
          clock.advance(next.time - clock.now())
          typewriter.push(next.text)
        }
        clock.tick(frame - clock.now())
        if (samples.includes(frame)) seen.push(typewriter.visible.length)
      }
      return seen
    }
    const every = (ms: number) => Array.from({ length: Math.ceil(2000 / ms) }, (_, i) => i * ms)
    let seed = 7
    const irregular: number[] = []
    for (let t = 0; t < 2000; t += 3 + (seed % 45)) {
      irregular.push(t)
      seed = (seed * 48271) % 2147483647
    }
    const at60 = run(every(1000 / 60))
    const at144 = run(every(1000 / 144))
    const atIrregular = run(irregular)
    for (let i = 0; i < samples.length; i++) {
      expect(Math.abs(at144[i]! - at60[i]!), `at ${samples[i]} ms`).toBeLessThanOrEqual(2)
      expect(Math.abs(atIrregular[i]! - at60[i]!), `at ${samples[i]} ms`).toBeLessThanOrEqual(2)
    }
    expect(at60.at(-1)).toBeGreaterThan(700)
  })

  it('stops revealing the instant stop() is called, even text already received', () => {
    const { clock, updates, typewriter } = setup()
    typewriter.push('Some text that keeps streaming in. '.repeat(20))
    for (let i = 0; i < 10; i++) clock.tick()
    const shown = typewriter.visible
    expect(shown.length).toBeGreaterThan(0)
    typewriter.stop()
    expect(clock.pendingFrames).toBe(0)
    expect(updates.at(-1)).toEqual({
      text: shown,
      state: { done: false, stopped: true, pending: typewriter.pending },
      time: clock.now(),
    })
    const count = updates.length
    typewriter.push('more text after stop ')
    typewriter.finish()
    for (let i = 0; i < 100; i++) clock.tick()
    expect(updates.length).toBe(count)
    expect(typewriter.visible).toBe(shown)
    expect(clock.pendingFrames).toBe(0)
  })

  it('stays frozen after stop() even with a clock that cannot cancel frames', () => {
    const clock = createManualClock()
    const updates: string[] = []
    const typewriter = createTypewriter({
      clock: { ...clock, cancelFrame: () => {} },
      reducedMotion: false,
      onUpdate: (text) => updates.push(text),
    })
    typewriter.push('Text that must not move after stop. '.repeat(5))
    clock.tick()
    typewriter.stop()
    const frozen = [...updates]
    for (let i = 0; i < 20; i++) clock.tick()
    expect(updates).toEqual(frozen)
  })

  it('reveal() shows everything received, including after stop()', () => {
    const { clock, updates, typewriter } = setup()
    typewriter.push('Hello wor')
    clock.tick()
    typewriter.stop()
    typewriter.reveal()
    expect(updates.at(-1)?.text).toBe('Hello wor')
    expect(updates.at(-1)?.state).toEqual({ done: false, stopped: true, pending: 0 })
    typewriter.push('ld')
    clock.tick()
    expect(typewriter.visible).toBe('Hello wor')
  })

  it('keeps its pace after finish(): the rest is typed within the lag bound, then done', () => {
    const { clock, updates, typewriter } = setup({ charsPerSecond: 60, maxLagMs: 1000 })
    typewriter.push('backlog '.repeat(250))
    clock.tick()
    typewriter.finish()
    const finishedAt = clock.now()
    while (updates.at(-1)?.state.done !== true) clock.tick()
    // Everything arrived at once, so everything is due one lag bound later, not sooner.
    expect(clock.now() - finishedAt).toBeGreaterThan(1000 - 2 * FRAME_60HZ)
    expect(clock.now() - finishedAt).toBeLessThanOrEqual(1000 + FRAME_60HZ)
    expect(updates.at(-1)?.text).toBe(typewriter.received)
    expect(updates.filter((u) => u.state.done)).toHaveLength(1)
    // A run-out over many frames, not one jump at the end.
    const steps = updates.slice(1).map((u, i) => u.text.length - updates[i]!.text.length)
    expect(Math.max(...steps)).toBeLessThan(typewriter.received.length / 20)
  })

  it.each([10, 60, 400])(
    'shows a fast reply at %i chars/s by default, until it lags the lag bound behind',
    (charsPerSecond) => {
      // A model streaming 771 characters at 130 chars/s, far faster than 10 or 60 chars/s.
      const { clock, typewriter } = setup({ charsPerSecond })
      const reply = 'x'.repeat(771)
      let sent = 0
      while (typewriter.visible.length < reply.length) {
        if (sent < reply.length) {
          typewriter.push(reply.slice(sent, sent + 13))
          sent += 13
          if (sent >= reply.length) typewriter.finish()
        }
        clock.tick(100)
      }
      const seconds = clock.now() / 1000
      const lagBound = 180 / charsPerSecond
      // Typed at the chosen pace, or the time the stream took plus the lag bound when that is sooner.
      const expected = Math.max(6, Math.min(771 / charsPerSecond, 6 + lagBound))
      expect(seconds).toBeGreaterThan(expected - 0.3)
      expect(seconds).toBeLessThan(expected + 0.3)
    },
  )

  it('shows the held-back last grapheme only when finish() says it is complete', () => {
    const { clock, typewriter } = setup()
    typewriter.push('Hi 👋')
    for (let i = 0; i < 30; i++) clock.tick()
    expect(typewriter.visible).toBe('Hi ')
    expect(typewriter.pending).toBe(1)
    typewriter.finish()
    for (let i = 0; i < 9; i++) clock.tick()
    expect(typewriter.visible).toBe('Hi 👋')
  })

  it('reports done once when finish() comes after everything is already visible', () => {
    const { clock, updates, typewriter } = setup()
    typewriter.push('ab')
    typewriter.reveal()
    typewriter.finish()
    clock.tick()
    clock.tick()
    expect(updates.map((u) => [u.text, u.state.done])).toEqual([
      ['ab', false],
      ['ab', true],
    ])
  })

  it('reports an empty reply as done', () => {
    const { clock, updates, typewriter } = setup()
    typewriter.finish()
    clock.tick()
    expect(updates).toEqual([
      { text: '', state: { done: true, stopped: false, pending: 0 }, time: clock.now() },
    ])
  })

  it.each([
    ['reducedMotion is true', { reducedMotion: true }],
    ['enabled is false', { enabled: false }],
  ])('shows every push at once when %s', (_, options) => {
    const { clock, updates, typewriter } = setup(options)
    typewriter.push('Hello')
    typewriter.push(' world 👋')
    clock.tick()
    expect(updates.map((u) => u.text)).toEqual(['Hello world 👋'])
    typewriter.push('!')
    typewriter.finish()
    clock.tick()
    expect(updates.at(-1)).toMatchObject({ text: 'Hello world 👋!', state: { done: true } })
  })

  it('follows prefers-reduced-motion when reducedMotion is not given', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === '(prefers-reduced-motion: reduce)',
    }))
    const clock = createManualClock()
    const updates: string[] = []
    const typewriter = createTypewriter({ clock, onUpdate: (text) => updates.push(text) })
    typewriter.push('All at once')
    clock.tick()
    expect(updates).toEqual(['All at once'])

    const animated = setup({ reducedMotion: false })
    animated.typewriter.push('Not all at once')
    animated.clock.tick()
    expect(animated.typewriter.visible.length).toBeLessThan(5)
  })

  it('requests no frames while nothing is left to reveal, and restarts on push', () => {
    const { clock, updates, typewriter } = setup()
    typewriter.push('a')
    expect(clock.pendingFrames).toBe(0)
    typewriter.push('bc')
    expect(clock.pendingFrames).toBe(1)
    for (let i = 0; i < 20; i++) clock.tick()
    expect(typewriter.visible).toBe('ab')
    expect(clock.pendingFrames).toBe(0)
    const count = updates.length
    clock.tick(5000)
    expect(updates.length).toBe(count)
    typewriter.push('d')
    expect(clock.pendingFrames).toBe(1)
  })

  it('calls onUpdate at most once per frame and never with the same text twice in a row', () => {
    const { clock, updates, typewriter } = setup({ charsPerSecond: 20, maxLagMs: 2000 })
    for (let frame = 0; frame < 400; frame++) {
      const before = updates.length
      if (frame % 10 === 0) for (let i = 0; i < 20; i++) typewriter.push('ab ')
      clock.tick(1000 / 144)
      expect(updates.length - before).toBeLessThanOrEqual(1)
    }
    for (let i = 1; i < updates.length; i++) {
      expect(updates[i]!.text).not.toBe(updates[i - 1]!.text)
    }
    expect(updates.length).toBeGreaterThan(30)
  })

  it('reset() clears the reply without calling onUpdate, ready for the next one', () => {
    const { clock, updates, typewriter } = setup()
    typewriter.push('First reply ')
    clock.tick()
    clock.tick()
    typewriter.stop()
    const count = updates.length
    typewriter.reset()
    expect(updates.length).toBe(count)
    expect([typewriter.visible, typewriter.received, typewriter.pending]).toEqual(['', '', 0])
    expect(clock.pendingFrames).toBe(0)
    typewriter.push('Second reply')
    typewriter.finish()
    for (let i = 0; i < 20; i++) clock.tick()
    expect(updates.at(-1)).toMatchObject({
      text: 'Second reply',
      state: { done: true, stopped: false, pending: 0 },
    })
  })

  it('dispose() cancels the scheduled frame for good', () => {
    const { clock, updates, typewriter } = setup()
    typewriter.push('Some text')
    typewriter.dispose()
    expect(clock.pendingFrames).toBe(0)
    typewriter.push(' more')
    typewriter.finish()
    clock.tick(1000)
    expect(updates).toEqual([])
  })

  it('keeps revealing after an onUpdate callback throws', () => {
    const clock = createManualClock()
    let calls = 0
    const typewriter = createTypewriter({
      clock,
      reducedMotion: false,
      onUpdate: () => {
        calls++
        if (calls === 1) throw new Error('render failed')
      },
    })
    typewriter.push('Some text')
    expect(() => clock.tick(100)).toThrow('render failed')
    clock.tick(100)
    expect(calls).toBe(2)
  })

  it('keeps pushes cheap however long the reply already is', () => {
    const { clock, typewriter } = setup()
    typewriter.push('long reply '.repeat(20_000))
    const start = performance.now()
    for (let i = 0; i < 50_000; i++) {
      typewriter.push('a')
      if (i % 1000 === 0) clock.tick()
    }
    // Linear work takes a few hundred milliseconds (mostly Intl.Segmenter); reading the whole reply
    // on every push flattens V8's string rope each time and takes tens of seconds.
    expect(performance.now() - start).toBeLessThan(2500)
  })

  it('rejects a speed or lag bound that is not a positive number', () => {
    const onUpdate = () => {}
    expect(() => createTypewriter({ onUpdate, charsPerSecond: 0 })).toThrow(RangeError)
    expect(() => createTypewriter({ onUpdate, maxLagMs: Number.NaN })).toThrow(RangeError)
  })
})
