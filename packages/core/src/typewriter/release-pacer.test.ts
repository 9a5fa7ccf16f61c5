import { describe, expect, it } from 'vitest'
import { ReleasePacer } from './release-pacer.js'

describe('ReleasePacer', () => {
  it('releases at the steady rate when no deadline presses', () => {
    const pacer = new ReleasePacer(50, 10_000)
    pacer.add(100, 0)
    pacer.accrue(0, 0, 200)
    expect(pacer.take(0, 100, 200)).toBe(10)
  })

  it('spreads a backlog evenly up to its deadline', () => {
    const pacer = new ReleasePacer(1, 400)
    pacer.add(400, 0)
    let released = 0
    for (let t = 0; t < 400; t += 100) {
      pacer.accrue(released, t, t + 100)
      const count = pacer.take(released, 400 - released, t + 100)
      expect(count).toBe(100)
      released += count
    }
  })

  it('releases everything due at its deadline even when the rate arithmetic rounds down', () => {
    // 1 / 7.7 * 7.7 is just below 1 in floating point.
    const pacer = new ReleasePacer(0.001, 7.7)
    pacer.add(1, 0)
    pacer.accrue(0, 0, 7.7)
    expect(pacer.take(0, 1, 7.7)).toBe(1)
  })

  it('banks no budget across an idle pause', () => {
    const pacer = new ReleasePacer(60, 400)
    pacer.add(1, 0)
    pacer.accrue(0, 0, 1000)
    expect(pacer.take(0, 1, 1000)).toBe(1)
    pacer.add(101, 1000)
    pacer.accrue(1, 1000, 1001)
    expect(pacer.take(1, 100, 1001)).toBe(0)
  })

  it('keeps one deadline per millisecond however many pushes arrive in it', () => {
    const pacer = new ReleasePacer(60, 400)
    const start = performance.now()
    for (let i = 1; i <= 50_000; i++) {
      pacer.accrue(0, 0, 0.5)
      pacer.add(i, 0)
    }
    // One deadline per push makes this loop quadratic: seconds instead of milliseconds.
    expect(performance.now() - start).toBeLessThan(500)
  })
})
