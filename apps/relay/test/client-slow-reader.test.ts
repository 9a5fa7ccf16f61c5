import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { chunkEvent, openChat, startTestRelay, CONTINUATION_MODES } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

/**
 * `count` one-character chunks, written 64 KB at a time as a busy upstream (or a proxy in front of
 * it) does: each read of the relay decodes hundreds of chunks.
 */
function manyChunksPerWrite(count: number): string[] {
  const body = chunkEvent('x').repeat(count) + chunkEvent('', 'stop') + 'data: [DONE]\n\n'
  const writes: string[] = []
  for (let at = 0; at < body.length; at += 65_536) writes.push(body.slice(at, at + 65_536))
  return writes
}

/**
 * Reads `res` in short bursts with pauses between them, until it ends or is cut: a client on a
 * slow link.
 */
async function readSlowly(res: IncomingMessage): Promise<string> {
  let text = ''
  res.setEncoding('utf8')
  res.on('data', (part: string) => (text += part))
  res.pause()
  // Long enough for the socket buffers on the way to fill up.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const ended = new Promise((resolve) => res.once('close', resolve))
  const burst = setInterval(() => {
    res.resume()
    setTimeout(() => res.pause(), 1)
  }, 15)
  await ended
  clearInterval(burst)
  return text
}

it('waits for one drain at a time, however many chunks one upstream read brings', async () => {
  // Continuation off: the chunks are pushed from the upstream reader, a whole read's worth (hundreds
  // of small chunks) at a time, each after the client's socket is already full.
  relay = await startTestRelay(
    { continuation: { enabled: false } },
    { raw: manyChunksPerWrite(50_000) },
  )
  let mostDrainListeners = 0
  const watch = (socket: Socket): void => {
    socket.on('newListener', (event) => {
      if (event === 'drain') {
        mostDrainListeners = Math.max(mostDrainListeners, socket.listenerCount('drain') + 1)
      }
    })
  }
  relay.server.on('connection', watch)
  const warnings: Error[] = []
  const onWarning = (warning: Error): void => {
    if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning)
  }
  process.on('warning', onWarning)
  try {
    const text = await readSlowly(await openChat(relay.url))
    expect(text).toContain('data: [DONE]')
  } finally {
    process.off('warning', onWarning)
  }
  expect(warnings).toEqual([])
  // Node's own listener, and the one wait of the reply's writer.
  expect(mostDrainListeners).toBeLessThanOrEqual(2)
})

/**
 * 16 MB over 4 s or more: more than every socket buffer between the relay and a client that
 * stopped reading, and still streaming when the stall period is over (the generation reads the
 * upstream at its own pace, not the client's).
 */
const SLOW_BIG_REPLY = { chunks: Array<string>(4_000).fill('z'.repeat(4096)), delayMs: 1 }

for (const [mode, config] of CONTINUATION_MODES)
  describe(`a client that stops reading (${mode})`, () => {
    it('loses its stream after the stall period, and (grace 0) the upstream call is cancelled', async () => {
      relay = await startTestRelay(
        { ...config, clientStallMs: 300, streams: { resumeGraceMs: 0 } },
        SLOW_BIG_REPLY,
      )
      const res = await openChat(relay.url)
      res.pause()
      const upstreamRequest = await relay.upstream.nextRequest()
      await upstreamRequest.closed
      expect(upstreamRequest.abortedByClient).toBe(true)
      expect(upstreamRequest.chunksWritten).toBeLessThan(SLOW_BIG_REPLY.chunks.length)
      // What the relay had written before it gave up is still on the way; then the connection ends.
      let text = ''
      res.setEncoding('utf8').on('data', (part: string) => (text += part))
      res.resume()
      await new Promise((resolve) => res.once('close', resolve))
      expect(res.complete).toBe(false)
      expect(text).not.toContain('[DONE]')
      expect(relay.logger.lines).toEqual([
        expect.stringMatching(
          /^POST \/api\/chat 200 \d+ms .*error=client_stalled aborted by client/,
        ),
      ])
    })

    it('keeps the stream of a slow client that keeps taking bytes', async () => {
      relay = await startTestRelay(
        // Pauses of 15 ms, far below the stall period, on a machine that may be busy.
        { ...config, clientStallMs: 1_000 },
        { chunks: Array<string>(1_000).fill('s'.repeat(4096)) },
      )
      const text = await readSlowly(await openChat(relay.url))
      expect(text).toContain('data: [DONE]')
      expect(relay.logger.lines[0]).not.toContain('error=')
    })
  })
