import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StallWatchdog } from './stall-watchdog.js'
import type { StallKind } from './stall-watchdog.js'

// Fake timers and a fake `performance.now`: the watchdog's timing is checked exactly, however
// loaded the machine running the tests is.
beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }))
afterEach(() => void vi.useRealTimers())
const sleep = (ms: number): void => void vi.advanceTimersByTime(ms)

function watch(options: { firstByteTimeoutMs?: number; idleTimeoutMs?: number }) {
  const stalls: Array<[StallKind, number]> = []
  const watchdog = new StallWatchdog({ ...options, onStall: (kind, ms) => stalls.push([kind, ms]) })
  return { watchdog, stalls }
}

describe('StallWatchdog', () => {
  it('reports a first-byte stall when no bytes came in time', () => {
    const { watchdog, stalls } = watch({ firstByteTimeoutMs: 30, idleTimeoutMs: 1000 })
    watchdog.wait()
    sleep(60)
    expect(stalls).toEqual([['first-byte', 30]])
  })

  it('reports an idle stall after the bytes stopped, at the idle timeout', () => {
    const { watchdog, stalls } = watch({ firstByteTimeoutMs: 5000, idleTimeoutMs: 40 })
    watchdog.wait()
    watchdog.received()
    sleep(100)
    expect(stalls).toEqual([['idle', 40]])
  })

  it('stays quiet while bytes keep coming', () => {
    const { watchdog, stalls } = watch({ firstByteTimeoutMs: 40, idleTimeoutMs: 40 })
    watchdog.wait()
    for (let i = 0; i < 6; i++) {
      sleep(15)
      watchdog.received()
    }
    watchdog.stop()
    expect(stalls).toEqual([])
  })

  it('does not count time the reader was not waiting (a slow consumer)', () => {
    const { watchdog, stalls } = watch({ idleTimeoutMs: 30 })
    watchdog.wait()
    watchdog.received()
    watchdog.pause()
    sleep(80)
    expect(stalls).toEqual([])
    watchdog.wait()
    sleep(60)
    expect(stalls).toEqual([['idle', 30]])
  })

  it('keeps one first-byte deadline across waits', () => {
    const { watchdog, stalls } = watch({ firstByteTimeoutMs: 50 })
    watchdog.wait()
    watchdog.pause()
    sleep(70)
    expect(stalls).toEqual([])
    watchdog.wait()
    sleep(20)
    expect(stalls).toEqual([['first-byte', 50]])
  })

  it('never fires after stop', () => {
    const { watchdog, stalls } = watch({ firstByteTimeoutMs: 10 })
    watchdog.wait()
    watchdog.stop()
    sleep(40)
    expect(stalls).toEqual([])
  })
})
