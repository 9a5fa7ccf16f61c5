import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StreamRecord } from './stream-record.js'
import { useStreamLog } from './use-stream-log.js'

afterEach(() => {
  vi.useRealTimers()
})

const request: StreamRecord = { kind: 'request', at: 0, method: 'POST', url: '/api/chat' }
const event = (id: number): StreamRecord => ({
  kind: 'event',
  at: id,
  id: String(id),
  event: 'message',
  data: '{}',
})

describe('useStreamLog', () => {
  it('publishes records in batches and starts over on each request', () => {
    vi.useFakeTimers()
    const log = useStreamLog(100)
    log.sink(request)
    expect(log.view.value.recent).toHaveLength(1)

    log.sink({ kind: 'comment', at: 5, text: 'ping' })
    log.sink(event(6))
    expect(log.view.value.recent).toHaveLength(1)
    vi.advanceTimersByTime(100)
    const published = log.view.value
    expect(published.recent.map((record) => record.kind)).toEqual(['request', 'comment', 'event'])
    expect(published).toMatchObject({ events: 1, comments: 1, earlier: 0, request })

    log.sink(request)
    expect(log.view.value.recent).toHaveLength(1)
    expect(log.view.value.events).toBe(0)
    expect(published.recent).toHaveLength(3)
    vi.advanceTimersByTime(100)
    expect(log.view.value.recent).toHaveLength(1)

    log.clear()
    expect(log.view.value.recent).toEqual([])
    expect(log.view.value.request).toBeUndefined()
  })

  it('keeps only the newest records and counts the rest', () => {
    vi.useFakeTimers()
    const log = useStreamLog(100, 3)
    log.sink(request)
    log.sink({
      kind: 'response',
      at: 1,
      status: 200,
      statusText: 'OK',
      contentType: 'text/event-stream',
    })
    for (let id = 2; id < 1000; id++) log.sink(event(id))
    log.sink({ kind: 'end', at: 1000, reason: 'complete' })
    vi.advanceTimersByTime(100)
    const { recent, earlier, events, response, end } = log.view.value
    expect(recent.map((record) => record.at)).toEqual([998, 999, 1000])
    expect(earlier).toBe(998)
    expect(events).toBe(998)
    expect(response?.status).toBe(200)
    expect(end?.reason).toBe('complete')
  })
})
