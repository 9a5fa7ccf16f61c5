import { createServer, request, type ClientRequest, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startMockOpenAI } from '../index.js'
import { writePaced, type PacedOutcome } from './paced-writer.js'
import type { Frame } from './stream-frames.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** Frames due every `interval` ms, far more than the test will read. */
function* ticks(interval: number): Generator<Frame> {
  for (let i = 0; i < 10_000; i++) yield { at: i * interval, data: `data: ${i}\n\n` }
}

/** A real server whose one route streams `frames`; resolves the outcome and the response. */
async function serve(frames: () => Iterator<Frame>) {
  let settle!: (value: { outcome: PacedOutcome; res: ServerResponse }) => void
  const done = new Promise<{ outcome: PacedOutcome; res: ServerResponse }>((r) => (settle = r))
  const writes = { count: 0 }
  const server = createServer((_req, res) => {
    const write = res.write.bind(res) as (chunk: string, cb: () => void) => boolean
    vi.spyOn(res, 'write').mockImplementation(((chunk: string, cb: () => void) => {
      writes.count++
      return write(chunk, cb)
    }) as ServerResponse['write'])
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    void writePaced(res, frames()).then((outcome) => settle({ outcome, res }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())))
  return { port: (server.address() as AddressInfo).port, done, writes }
}

/** Opens a stream, waits for `bytes` of it, then hangs up like a closed browser tab. */
function readThenHangUp(port: number, bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', agent: false }, (res) => {
      let received = 0
      res.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received >= bytes) {
          req.destroy()
          resolve()
        }
      })
    })
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)))
    req.end()
  })
}

/**
 * Tracks timers of at least `minMs` set through the global `setTimeout`, as the mock's are; one
 * leaves the set when it fires or is cleared. Counting the process's active handles instead would
 * also count the test runner's own timers.
 */
function trackTimers(minMs: number): Set<unknown> {
  const pending = new Set<unknown>()
  const realSet = globalThis.setTimeout
  const realClear = globalThis.clearTimeout
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
    const handle = realSet(() => {
      pending.delete(handle)
      callback()
    }, ms)
    if ((ms ?? 0) >= minMs) pending.add(handle)
    return handle
  }) as typeof setTimeout)
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation((handle) => {
    pending.delete(handle)
    realClear(handle)
  })
  cleanups.push(() => {
    vi.restoreAllMocks()
  })
  return pending
}

describe('writePaced', () => {
  it('stops writing and clears its timer as soon as the client disconnects', async () => {
    const { port, done, writes } = await serve(() => ticks(5))
    await readThenHangUp(port, 50)
    const { outcome } = await done
    expect(outcome).toBe('aborted')
    const writesAtAbort = writes.count
    await sleep(100)
    // At 5 ms a frame, 100 ms more would have been ~20 more writes.
    expect(writes.count).toBe(writesAtAbort)
    expect(writes.count).toBeLessThan(100)
  })

  it('completes and ends the response when every frame is written', async () => {
    const { port, done } = await serve(() =>
      [
        { at: 0, data: 'a' },
        { at: 20, data: 'b' },
      ].values(),
    )
    const body = await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text())
    expect(body).toBe('ab')
    expect((await done).outcome).toBe('completed')
  })

  it('writes the frames before a drop, then destroys the socket', async () => {
    const frames: Frame[] = [
      { at: 0, data: 'one ' },
      { at: 5, data: 'two' },
      { at: 10, drop: true },
    ]
    const { port, done } = await serve(() => frames.values())
    const response = await fetch(`http://127.0.0.1:${port}/`)
    const reader = response.body!.getReader()
    let text = ''
    await expect(
      (async () => {
        for (;;) {
          const { done: end, value } = await reader.read()
          if (end) return
          text += new TextDecoder().decode(value)
        }
      })(),
    ).rejects.toThrow()
    expect(text).toBe('one two')
    expect((await done).outcome).toBe('dropped')
  })
})

/** Posts a chat request to the mock and resolves with the open request once `timers` has one. */
async function postUntilTimer(
  baseURL: string,
  body: object,
  timers: Set<unknown>,
): Promise<ClientRequest> {
  const req = request(`${baseURL}/chat/completions`, {
    method: 'POST',
    agent: false,
    headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
  })
  req.on('error', () => undefined)
  req.end(JSON.stringify({ model: 'm', ...body }))
  for (let waited = 0; timers.size === 0 && waited < 2000; waited += 5) await sleep(5)
  return req
}

async function expectAllCleared(timers: Set<unknown>): Promise<void> {
  for (let waited = 0; timers.size > 0 && waited < 500; waited += 10) await sleep(10)
  expect(timers.size).toBe(0)
}

describe('the mock model on disconnect', () => {
  it('leaves no timer behind when the client goes away mid-stream', async () => {
    const mock = await startMockOpenAI()
    cleanups.push(() => mock.close())
    const timers = trackTimers(100)
    // At 1 token/s the next token is a second away, so a leaked timer would outlive the poll.
    const req = await postUntilTimer(
      mock.url,
      { stream: true, messages: [{ role: 'user', content: '/tps 1 hi' }] },
      timers,
    )
    expect(timers.size).toBe(1)
    req.destroy()
    await expectAllCleared(timers)
  })

  it('clears the /slow wait of a non-streamed reply when the client gives up', async () => {
    const mock = await startMockOpenAI()
    cleanups.push(() => mock.close())
    const timers = trackTimers(100)
    const req = await postUntilTimer(
      mock.url,
      { messages: [{ role: 'user', content: '/slow 5000 hi' }] },
      timers,
    )
    expect(timers.size).toBe(1)
    req.destroy()
    await expectAllCleared(timers)
  })
})
