import { afterEach, describe, expect, it } from 'vitest'
import {
  chatBody,
  contentOf,
  openChat,
  post,
  readSSE,
  startTestRelay,
  CONTINUATION_MODES,
} from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

const slowReply = { chunks: Array.from({ length: 500 }, (_, i) => `word${i} `), delayMs: 20 }

async function readUntil(body: ReadableStream<Uint8Array>, pattern: RegExp): Promise<void> {
  const decoder = new TextDecoder()
  let text = ''
  for await (const bytes of body) {
    text += decoder.decode(bytes, { stream: true })
    if (pattern.test(text)) return
  }
}

for (const [mode, config] of CONTINUATION_MODES)
  describe(`stop means stop (${mode})`, () => {
    for (const path of ['/api/chat', '/v1/chat/completions']) {
      it(`cancels the upstream call as soon as the client hangs up mid-stream (${path}; /api/chat with RELAY_RESUME_GRACE_MS=0)`, async () => {
        relay = await startTestRelay({ ...config, streams: { resumeGraceMs: 0 } }, slowReply)
        const controller = new AbortController()
        const response = await post(relay.url + path, chatBody({ stream: true }), {
          signal: controller.signal,
        })
        await readUntil(response.body as ReadableStream<Uint8Array>, /word3 /)
        const upstreamRequest = await relay.upstream.nextRequest()
        const abortedAt = performance.now()
        controller.abort()
        const closedAt = await upstreamRequest.closed
        const ms = closedAt - abortedAt
        console.log(
          `abort propagation ${path} (${mode}): client hang-up → upstream connection closed in ${ms.toFixed(1)} ms`,
        )
        expect(upstreamRequest.abortedByClient).toBe(true)
        expect(ms).toBeLessThan(1000)
        expect(upstreamRequest.chunksWritten).toBeLessThan(slowReply.chunks.length)
      })
    }

    it('cancels a non-streamed request whose client went away', async () => {
      relay = await startTestRelay(config, slowReply)
      const controller = new AbortController()
      const pending = post(`${relay.url}/v1/chat/completions`, chatBody(), {
        signal: controller.signal,
      })
      const upstreamRequest = await relay.upstream.nextRequest()
      await new Promise((resolve) => setTimeout(resolve, 100))
      controller.abort()
      await expect(pending).rejects.toThrow()
      await upstreamRequest.closed
      expect(upstreamRequest.abortedByClient).toBe(true)
    })

    it('cancels the upstream when the client leaves before the upstream answered', async () => {
      relay = await startTestRelay(config, { hang: true })
      const controller = new AbortController()
      const pending = post(`${relay.url}/api/chat`, chatBody(), { signal: controller.signal })
      const upstreamRequest = await relay.upstream.nextRequest()
      controller.abort()
      await expect(pending).rejects.toThrow()
      await upstreamRequest.closed
      expect(upstreamRequest.abortedByClient).toBe(true)
    })

    it('logs the partial usage of a stopped reply, estimated from the chunks seen', async () => {
      relay = await startTestRelay({ ...config, streams: { resumeGraceMs: 0 } }, slowReply)
      const controller = new AbortController()
      const response = await post(`${relay.url}/api/chat`, chatBody(), {
        signal: controller.signal,
      })
      await readUntil(response.body as ReadableStream<Uint8Array>, /word4 /)
      controller.abort()
      await (
        await relay.upstream.nextRequest()
      ).closed
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(relay.logger.lines).toHaveLength(1)
      expect(relay.logger.lines[0]).toMatch(
        /^POST \/api\/chat 200 \d+ms completion=~\d+ aborted by client/,
      )
    })

    it('bounds what a client that stops reading costs: the reply ends at its size bound', async () => {
      const total = 20_000
      relay = await startTestRelay(
        { ...config, streams: { maxBytes: 8 * 1024 * 1024 } },
        { chunks: Array(total).fill('x'.repeat(4096)) },
      )
      const res = await openChat(relay.url)
      res.pause()
      const upstreamRequest = await relay.upstream.nextRequest()
      // The generation reads the upstream at its own pace into its event log, which
      // `streams.maxBytes` bounds: it stops pulling (and cancels the upstream) there, long before the
      // reply's end. A relay without the bound would read on (into its own memory) to the end.
      let last = -1
      while (upstreamRequest.chunksWritten !== last && upstreamRequest.chunksWritten < total) {
        last = upstreamRequest.chunksWritten
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      expect(last).toBeGreaterThan(0)
      expect(last).toBeLessThan(total / 2)
      await upstreamRequest.closed
      expect(upstreamRequest.abortedByClient).toBe(true)
      res.destroy()
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(relay.logger.lines[0]).toMatch(/ error=stream_too_large/)
    })

    it('resumes a paused reply once the client reads again: the whole reply arrives', async () => {
      const total = 2_000
      const piece = 'y'.repeat(4096)
      relay = await startTestRelay(config, { chunks: Array(total).fill(piece) })
      const response = await post(`${relay.url}/api/chat`, chatBody())
      // Unread, the reply (8 MB) fills the socket buffers and the relay waits for them to drain.
      await new Promise((resolve) => setTimeout(resolve, 500))
      const { events } = await readSSE(response)
      expect(contentOf(events)).toBe(piece.repeat(total))
      expect(events.at(-1)?.data).toBe('[DONE]')
    })
  })
