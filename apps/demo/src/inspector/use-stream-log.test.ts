import { afterEach, describe, expect, it, vi } from 'vitest'
import { useStreamLog } from './use-stream-log.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('useStreamLog', () => {
  it('publishes records in batches and starts over on each request', () => {
    vi.useFakeTimers()
    const log = useStreamLog(100)
    log.sink({ kind: 'request', at: 0, method: 'POST', url: '/api/chat' })
    expect(log.records.value).toHaveLength(1)

    log.sink({ kind: 'comment', at: 5, text: 'ping' })
    log.sink({ kind: 'event', at: 6, id: '1', event: 'message', data: '{}' })
    expect(log.records.value).toHaveLength(1)
    vi.advanceTimersByTime(100)
    const published = log.records.value
    expect(published.map((record) => record.kind)).toEqual(['request', 'comment', 'event'])

    log.sink({ kind: 'request', at: 0, method: 'POST', url: '/api/chat' })
    expect(log.records.value).toHaveLength(1)
    expect(published).toHaveLength(3)
    vi.advanceTimersByTime(100)
    expect(log.records.value).toHaveLength(1)

    log.clear()
    expect(log.records.value).toEqual([])
  })
})
