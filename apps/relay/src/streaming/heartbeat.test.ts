import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Heartbeat } from './heartbeat.js'
import type { HeartbeatStream } from './heartbeat.js'

function stream(): HeartbeatStream & { pings: number; closed: boolean } {
  return {
    wrote: false,
    silentTicks: 0,
    closed: false,
    pings: 0,
    ping() {
      this.pings += 1
    },
  }
}

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('pings every silent stream once per interval of silence, from one timer', () => {
    const heartbeat = new Heartbeat(1000)
    const streams = [stream(), stream(), stream()]
    for (const s of streams) heartbeat.add(s)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(999)
    expect(streams.map((s) => s.pings)).toEqual([0, 0, 0])
    vi.advanceTimersByTime(1)
    expect(streams.map((s) => s.pings)).toEqual([1, 1, 1])
    vi.advanceTimersByTime(1000)
    expect(streams.map((s) => s.pings)).toEqual([2, 2, 2])
  })

  it('does not ping a stream that keeps writing, and pings it once it falls silent', () => {
    const heartbeat = new Heartbeat(1000)
    const busy = stream()
    heartbeat.add(busy)
    for (let i = 0; i < 10; i++) {
      busy.wrote = true
      vi.advanceTimersByTime(500)
    }
    expect(busy.pings).toBe(0)
    vi.advanceTimersByTime(1250)
    expect(busy.pings).toBe(1)
  })

  it('forgets ended and closed streams, and stops its timer when none is left', () => {
    const heartbeat = new Heartbeat(1000)
    const ended = stream()
    const closed = stream()
    heartbeat.add(ended)
    heartbeat.add(closed)
    heartbeat.delete(ended)
    closed.closed = true
    vi.advanceTimersByTime(5000)
    expect([ended.pings, closed.pings]).toEqual([0, 0])
    expect(vi.getTimerCount()).toBe(0)
    heartbeat.add(ended)
    expect(vi.getTimerCount()).toBe(1)
  })
})
