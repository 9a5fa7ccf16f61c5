import { connect } from 'node:net'
import { createParser } from 'eventsource-parser'
import { afterEach, describe, expect, it } from 'vitest'
import { chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import type { SSEItem, TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

const PIECES = ['one ', 'two ', 'three ', 'four ', 'five']

/** Sends a raw HTTP request for a chat stream and reads the response until the relay ends it. */
async function rawChat(
  url: string,
  version: '1.0' | '1.1',
): Promise<{ head: string; body: Buffer }> {
  const { port } = new URL(url)
  const payload = JSON.stringify(chatBody())
  const socket = connect(Number(port), '127.0.0.1')
  socket.write(
    `POST /api/chat HTTP/${version}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  )
  const parts: Buffer[] = []
  for await (const part of socket) parts.push(part as Buffer)
  const bytes = Buffer.concat(parts)
  const split = bytes.indexOf('\r\n\r\n')
  return { head: bytes.subarray(0, split).toString(), body: bytes.subarray(split + 4) }
}

/** The chunks of a chunked HTTP body, checking that each one's data ends where its size says. */
function dechunk(body: Buffer): string[] {
  const chunks: string[] = []
  let at = 0
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at)
    const size = Number.parseInt(body.subarray(at, lineEnd).toString(), 16)
    if (size === 0) return chunks
    const start = lineEnd + 2
    chunks.push(body.subarray(start, start + size).toString())
    expect(body.subarray(start + size, start + size + 2).toString()).toBe('\r\n')
    at = start + size + 2
  }
}

function eventsOf(text: string): SSEItem[] {
  const events: SSEItem[] = []
  const parser = createParser({
    onEvent: (event) => events.push({ id: event.id, data: event.data }),
  })
  parser.feed(text)
  return events
}

describe('the SSE response on the wire', () => {
  it('frames whole events in HTTP chunks, ending with the zero-size chunk', async () => {
    relay = await startTestRelay({}, { chunks: PIECES, delayMs: 20 })
    const { head, body } = await rawChat(relay.url, '1.1')
    expect(head).toMatch(/^HTTP\/1\.1 200/)
    expect(head.toLowerCase()).toContain('transfer-encoding: chunked')
    // The client asked for `close`: it gets it (the read above ended only because the relay closed).
    expect(head.toLowerCase()).toContain('connection: close')
    const chunks = dechunk(body)
    // One write per event; Node 24 merges writes made in the same tick into one chunk, but never
    // splits one, so every chunk holds whole events (or a heartbeat).
    for (const chunk of chunks) expect(chunk).toMatch(/\n\n$/)
    expect(chunks.length).toBeGreaterThan(PIECES.length / 2)
    const events = eventsOf(chunks.join(''))
    expect(contentOf(events)).toBe(PIECES.join(''))
    expect(events.at(-1)?.data).toBe('[DONE]')
  })

  it('sends an HTTP/1.0 client (nginx by default) the bare event stream, ended by closing', async () => {
    relay = await startTestRelay({}, { chunks: PIECES, delayMs: 20 })
    const { head, body } = await rawChat(relay.url, '1.0')
    expect(head).toMatch(/^HTTP\/1\.1 200/)
    expect(head.toLowerCase()).not.toContain('transfer-encoding')
    const text = body.toString()
    expect(text.startsWith('id: 1\n')).toBe(true)
    expect(contentOf(eventsOf(text))).toBe(PIECES.join(''))
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true)
  })

  it('keeps writing through a response `write` that an enclosing app replaced', async () => {
    let seen = ''
    relay = await startTestRelay({}, { chunks: PIECES, delayMs: 20 }, (app) => (req, res) => {
      const write = res.write.bind(res) as (...args: unknown[]) => boolean
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        seen += String(chunk)
        return write(chunk, ...rest)
      }) as typeof res.write
      app(req, res)
    })
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(contentOf(events)).toBe(PIECES.join(''))
    expect(contentOf(eventsOf(seen))).toBe(PIECES.join(''))
    expect(seen.endsWith('data: [DONE]\n\n')).toBe(true)
  })
})
