import { PassThrough } from 'node:stream'
import type { ChatCompletionChunk } from '@typewriter-chat/core'
import { describe, expect, it } from 'vitest'
import { ChunkReader } from './chunk-reader.js'
import type { ReaderSink, ReaderWatchdog } from './chunk-reader.js'

const chunkData = (content: string, finish: string | null = null, index = 0) =>
  JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index, delta: { content }, finish_reason: finish }],
  })
const event = (data: string) => `data: ${data}\n\n`

function recordingSink(answer: (chunk: ChatCompletionChunk) => boolean = () => true) {
  const seen: { raw: string | undefined; content: unknown }[] = []
  const outcome: { ended: number; failed: unknown[] } = { ended: 0, failed: [] }
  const sink: ReaderSink = {
    chunk(chunk, raw) {
      seen.push({ raw, content: chunk.choices[0]?.delta.content })
      return answer(chunk)
    },
    end: () => void (outcome.ended += 1),
    fail: (error) => void outcome.failed.push(error),
  }
  return { sink, seen, outcome }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('ChunkReader in push mode', () => {
  it('hands each chunk to the sink with its raw data, then ends once at [DONE]', async () => {
    const body = new PassThrough()
    const { sink, seen, outcome } = recordingSink()
    new ChunkReader(body, sink)
    const first = chunkData('Hel')
    // One read holding one and a half events, then the rest split mid-event.
    const wire = event(first) + event(chunkData('lo', 'stop')) + event('[DONE]')
    body.write(wire.slice(0, first.length + 20))
    body.write(wire.slice(first.length + 20))
    await tick()
    expect(seen).toEqual([
      { raw: first, content: 'Hel' },
      { raw: chunkData('lo', 'stop'), content: 'lo' },
    ])
    body.end()
    await tick()
    expect(outcome).toEqual({ ended: 1, failed: [] })
  })

  it('pauses the body while the sink asks for a pause, and reads again on resume()', async () => {
    const body = new PassThrough()
    const { sink, seen } = recordingSink(() => false)
    const calls: string[] = []
    const watchdog: ReaderWatchdog = {
      received: () => void calls.push('received'),
      pause: () => void calls.push('pause'),
      wait: () => void calls.push('wait'),
    }
    const reader = new ChunkReader(body, sink, watchdog)
    body.write(event(chunkData('a')))
    await tick()
    expect(seen).toHaveLength(1)
    expect(body.isPaused()).toBe(true)
    // The upstream's silence is not counted while the consumer holds the body.
    expect(calls).toEqual(['received', 'pause'])
    body.write(event(chunkData('b')))
    await tick()
    expect(seen).toHaveLength(1)
    reader.resume()
    await tick()
    expect(seen.map((s) => s.content)).toEqual(['a', 'b'])
    expect(calls.slice(2, 3)).toEqual(['wait'])
  })

  it('fails with incomplete_stream when the body ends without [DONE] before every choice finished', async () => {
    const body = new PassThrough()
    const { sink, outcome } = recordingSink()
    new ChunkReader(body, sink)
    // n: 2, choice 0 finished, choice 1 still writing when the body ended.
    body.end(
      event(chunkData('a', null, 0)) +
        event(chunkData('b', null, 1)) +
        event(chunkData('', 'stop', 0)),
    )
    await tick()
    expect(outcome.ended).toBe(0)
    expect(outcome.failed).toEqual([expect.objectContaining({ code: 'incomplete_stream' })])
  })

  it('ends normally without [DONE] once every choice finished', async () => {
    const body = new PassThrough()
    const { sink, outcome } = recordingSink()
    new ChunkReader(body, sink)
    body.end(event(chunkData('a', 'stop', 0)) + event(chunkData('b', 'length', 1)))
    await tick()
    expect(outcome).toEqual({ ended: 1, failed: [] })
  })

  it('fails the reply, not the process, when the sink throws', async () => {
    const body = new PassThrough()
    const bug = new Error('a bug in the consumer')
    const { sink, seen, outcome } = recordingSink(() => {
      throw bug
    })
    new ChunkReader(body, sink)
    body.write(event(chunkData('a')) + event(chunkData('b')))
    await tick()
    expect(seen).toHaveLength(1)
    expect(outcome.failed).toEqual([bug])
    expect(body.destroyed).toBe(true)
  })

  it('passes a cancel on to the sink once and closes the body', async () => {
    const body = new PassThrough()
    const { sink, outcome } = recordingSink()
    const reader = new ChunkReader(body, sink)
    const reason = new Error('stop')
    reader.cancel(reason)
    await tick()
    expect(outcome).toEqual({ ended: 0, failed: [reason] })
    expect(body.destroyed).toBe(true)
  })
})
