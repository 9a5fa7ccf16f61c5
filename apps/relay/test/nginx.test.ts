import { request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { constants, createGunzip } from 'node:zlib'
import { createParser } from 'eventsource-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatBody, contentOf, startTestRelay } from './helpers.js'
import type { SSEItem, TestRelay } from './helpers.js'
import { findNginx, startNginx } from './nginx.js'
import type { TestNginx } from './nginx.js'

const nginxBinary = findNginx()
if (nginxBinary === undefined) {
  console.warn(
    'nginx.test.ts skipped: no nginx binary found ' +
      '(install nginx-light, as .ci/run does, or set NGINX_BIN)',
  )
}

// 40 OpenAI chunks of ~280 bytes, 40 ms apart: about 12 KB over 1.6 s. That is more than one of
// nginx's default 4 KB proxy buffers, so a buffering proxy visibly holds chunks back (the
// controls), and the gaps are wide enough that a busy test machine does not merge reads itself.
const PIECES = Array.from({ length: 40 }, (_, i) => `word${i} `)
const REPLY = { chunks: PIECES, delayMs: 40 }

/** How a stream reached the client: when each content event arrived, and in how many reads. */
interface TimedStream {
  headers: IncomingHttpHeaders
  events: SSEItem[]
  /** ms from sending the request to each content-bearing event. */
  arrivals: number[]
  /** Socket reads that carried at least one content event. */
  batches: number
  /** Bytes on the wire (compressed, when nginx compressed). */
  wireBytes: number
}

const hasContent = (data: string): boolean =>
  data !== '[DONE]' && contentOf([{ id: undefined, data }]) !== ''

/** POSTs `body` and records every read of the (decompressed) response as it arrives. */
function readTimed(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<TimedStream> {
  const payload = JSON.stringify(body)
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        ...headers,
      },
    })
    req.on('error', reject)
    req.on('response', (res) => {
      const events: SSEItem[] = []
      const arrivals: number[] = []
      let batches = 0
      let wireBytes = 0
      const parser = createParser({ onEvent: (e) => events.push({ id: e.id, data: e.data }) })
      const decoder = new TextDecoder()
      res.on('data', (bytes: Buffer) => (wireBytes += bytes.length))
      // Sync flush makes gunzip emit whatever each compressed read decodes to, at once.
      const text =
        res.headers['content-encoding'] === 'gzip'
          ? res.pipe(
              createGunzip({ flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH }),
            )
          : res
      text.on('data', (bytes: Buffer) => {
        const at = performance.now() - started
        const before = events.length
        parser.feed(decoder.decode(bytes, { stream: true }))
        const fresh = events.slice(before).filter((e) => hasContent(e.data))
        if (fresh.length > 0) batches += 1
        for (let i = 0; i < fresh.length; i++) arrivals.push(at)
      })
      text.on('error', reject)
      text.on('end', () => resolve({ headers: res.headers, events, arrivals, batches, wireBytes }))
    })
    req.end(payload)
  })
}

function describeTiming(stream: TimedStream): string {
  const first = stream.arrivals[0] ?? NaN
  const last = stream.arrivals.at(-1) ?? NaN
  return (
    `${stream.wireBytes} bytes, ${stream.arrivals.length} content events in ${stream.batches} ` +
    `reads, first at ${first.toFixed(0)} ms, last at ${last.toFixed(0)} ms ` +
    `(first/last ${(first / last).toFixed(2)})`
  )
}

/** The stream is complete and arrived progressively: many reads, the first long before the last. */
function expectProgressive(stream: TimedStream): void {
  expect(contentOf(stream.events)).toBe(PIECES.join(''))
  expect(stream.events.at(-1)?.data).toBe('[DONE]')
  const first = stream.arrivals[0] ?? Infinity
  const last = stream.arrivals.at(-1) ?? 0
  expect(first).toBeLessThan(0.4 * last)
  expect(stream.batches).toBeGreaterThanOrEqual(10)
}

describe.skipIf(nginxBinary === undefined)('behind a real nginx', () => {
  const binary = nginxBinary as string
  let relay: TestRelay
  const proxies: TestNginx[] = []
  const proxy = async (serverBody: string, httpExtra?: string): Promise<TestNginx> => {
    const started = await startNginx(binary, serverBody, httpExtra)
    proxies.push(started)
    return started
  }

  beforeAll(async () => {
    relay = await startTestRelay({ continuation: { enabled: false } }, REPLY)
  })
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()))
    await relay?.close()
  })

  it('delivers the reply progressively through default proxy buffering', async () => {
    const { port } = new URL(relay.url)
    const nginx = await proxy(`location / { proxy_pass http://127.0.0.1:${port}; }`)
    const stream = await readTimed(`${nginx.url}/api/chat`, chatBody())
    console.log(`nginx, bare proxy_pass: ${describeTiming(stream)}`)
    expect(stream.headers['content-encoding']).toBeUndefined()
    expectProgressive(stream)
  })

  it('delivers the reply progressively and intact with gzip on for event streams', async () => {
    const { port } = new URL(relay.url)
    const nginx = await proxy(
      `location / { proxy_pass http://127.0.0.1:${port}; }`,
      'gzip on; gzip_types text/event-stream; gzip_min_length 0;',
    )
    const stream = await readTimed(`${nginx.url}/api/chat`, chatBody(), {
      'accept-encoding': 'gzip',
    })
    // nginx's gzip ignores `Cache-Control: no-transform` and compresses the stream. It still
    // streams because an unbuffered (X-Accel-Buffering: no) response is flushed per read, and gzip
    // sync-flushes on every flush. Asserted so this test keeps covering the compressed path.
    console.log(
      `nginx, gzip on: content-encoding ${stream.headers['content-encoding'] ?? 'none'}, ` +
        describeTiming(stream),
    )
    expect(stream.headers['content-encoding']).toBe('gzip')
    expectProgressive(stream)
  })

  it('control: an upstream without X-Accel-Buffering arrives in a few bursts', async () => {
    const nginx = await proxy(`location / { proxy_pass http://127.0.0.1:${relay.upstream.port}; }`)
    const stream = await readTimed(
      `${nginx.url}/v1/chat/completions`,
      chatBody({ model: 'gpt-fake', stream: true }),
      { authorization: `Bearer ${relay.upstream.apiKey}` },
    )
    console.log(`nginx, upstream without the header: ${describeTiming(stream)}`)
    expect(contentOf(stream.events)).toBe(PIECES.join(''))
    expect(stream.batches).toBeLessThan(5)
  })

  it('control: the relay with X-Accel-Buffering ignored arrives in a few bursts', async () => {
    const { port } = new URL(relay.url)
    const nginx = await proxy(
      `location / { proxy_pass http://127.0.0.1:${port}; proxy_ignore_headers X-Accel-Buffering; }`,
    )
    const stream = await readTimed(`${nginx.url}/api/chat`, chatBody())
    console.log(`nginx, X-Accel-Buffering ignored: ${describeTiming(stream)}`)
    expect(contentOf(stream.events)).toBe(PIECES.join(''))
    expect(stream.batches).toBeLessThan(5)
  })
})
