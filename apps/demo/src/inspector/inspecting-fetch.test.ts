import { describe, expect, it } from 'vitest'
import { createInspectingFetch } from './inspecting-fetch.js'
import type { StreamRecord } from './stream-record.js'

const encoder = new TextEncoder()

/** A fake `fetch` answering with `chunks`, recording whether its body was cancelled. */
function fakeFetch(chunks: string[], init: ResponseInit = {}) {
  const state = { cancelled: false, pulls: 0 }
  const doFetch: typeof fetch = async () => {
    let index = 0
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          state.pulls++
          const chunk = chunks[index++]
          if (chunk === undefined) controller.close()
          else controller.enqueue(encoder.encode(chunk))
        },
        cancel() {
          state.cancelled = true
        },
      },
      { highWaterMark: 0 },
    )
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      ...init,
    })
  }
  return { doFetch, state }
}

function collect() {
  const records: StreamRecord[] = []
  return { records, sink: (record: StreamRecord) => void records.push(record) }
}

const withoutTimes = (records: StreamRecord[]) => records.map(({ at: _at, ...rest }) => rest)

describe('createInspectingFetch', () => {
  it('hands the caller the exact bytes while logging events, ids and comments', async () => {
    const wire = [
      'id: 1\ndata: {"a":',
      '1}\n\n: ping\n\nid: 2\r\ndata: line one\r\ndata: line two\r\n\r',
      '\nevent: note\ndata: 你',
      '好\n\ndata: [DONE]\n\n',
    ]
    const { doFetch } = fakeFetch(wire)
    const { records, sink } = collect()
    const response = await createInspectingFetch(sink, doFetch)('/api/chat', { method: 'POST' })

    expect(await response.text()).toBe(wire.join(''))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    expect(withoutTimes(records)).toEqual([
      { kind: 'request', method: 'POST', url: '/api/chat' },
      {
        kind: 'response',
        status: 200,
        statusText: '',
        contentType: 'text/event-stream; charset=utf-8',
      },
      { kind: 'event', id: '1', event: 'message', data: '{"a":1}' },
      { kind: 'comment', text: 'ping' },
      { kind: 'event', id: '2', event: 'message', data: 'line one\nline two' },
      { kind: 'event', id: '2', event: 'note', data: '你好' },
      { kind: 'event', id: '2', event: 'message', data: '[DONE]' },
      { kind: 'end', reason: 'complete' },
    ])
  })

  it('passes each chunk on as soon as it is read, without reading ahead', async () => {
    const { doFetch, state } = fakeFetch(['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n'])
    const { records, sink } = collect()
    const response = await createInspectingFetch(sink, doFetch)('/api/chat')
    const reader = response.body!.getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toBe('data: 1\n\n')
    expect(state.pulls).toBe(1)
    expect(records.filter((record) => record.kind === 'event')).toHaveLength(1)
    await reader.cancel()
  })

  it('cancels the network body when the caller stops reading (Stop)', async () => {
    const { doFetch, state } = fakeFetch(['data: 1\n\n', 'data: 2\n\n'])
    const { records, sink } = collect()
    const response = await createInspectingFetch(sink, doFetch)('/api/chat')
    const reader = response.body!.getReader()
    await reader.read()
    await reader.cancel()
    expect(state.cancelled).toBe(true)
    expect(records.at(-1)).toMatchObject({ kind: 'end', reason: 'cancelled' })
  })

  it('logs the body of an error response and still hands it to the caller', async () => {
    const json = '{"error":{"message":"Slow down","code":"rate_limit_exceeded"}}'
    const { doFetch } = fakeFetch([json], {
      status: 429,
      headers: { 'content-type': 'application/json' },
    })
    const { records, sink } = collect()
    const response = await createInspectingFetch(sink, doFetch)('/api/chat')
    expect(response.status).toBe(429)
    expect(await response.json()).toEqual(JSON.parse(json))
    expect(withoutTimes(records).slice(1)).toEqual([
      { kind: 'response', status: 429, statusText: '', contentType: 'application/json' },
      { kind: 'body', text: json },
      { kind: 'end', reason: 'complete' },
    ])
  })

  it('reports a stream that breaks off inside an event', async () => {
    const { doFetch } = fakeFetch(['data: 1\n\ndata: hal'])
    const { records, sink } = collect()
    const response = await createInspectingFetch(sink, doFetch)('/api/chat')
    await response.text()
    expect(records.at(-1)).toMatchObject({
      kind: 'end',
      reason: 'complete',
      detail: expect.any(String),
    })
  })

  it('calls an aborted request a stop, not a failure', async () => {
    const controller = new AbortController()
    const doFetch: typeof fetch = async (_input, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(encoder.encode('data: 1\n\n'))
          init?.signal?.addEventListener('abort', () =>
            stream.error(new DOMException('The operation was aborted.', 'AbortError')),
          )
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    }
    const { records, sink } = collect()
    const response = await createInspectingFetch(sink, doFetch)('/api/chat', {
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toThrow('aborted')
    expect(records.at(-1)).toMatchObject({ kind: 'end', reason: 'cancelled' })
  })

  it('logs a network failure and rethrows it', async () => {
    const { records, sink } = collect()
    const failing: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'))
    await expect(createInspectingFetch(sink, failing)('/api/chat')).rejects.toThrow(
      'Failed to fetch',
    )
    expect(records.at(-1)).toMatchObject({
      kind: 'end',
      reason: 'error',
      detail: 'TypeError: Failed to fetch',
    })
  })
})
