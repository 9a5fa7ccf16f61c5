import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay
beforeAll(async () => {
  relay = await startTestRelay({}, { chunks: ['ok'] })
})
afterAll(() => relay.close())

const BODIES = [
  '',
  '   ',
  '{"messages": [',
  'null',
  ' 5',
  '"text"',
  '[]',
  '{}',
  '{"messages": []}',
  '\uFEFF{"messages": [{"role": "user", "content": "hi"}]}',
  ' \n{"messages": [{"role": "user", "content": "ünïcödé 👋"}], "model": "gpt-fake"}',
  '{"messages": [{"role": "user", "content": "hi"}]} trailing',
]

/** Sends `text` with a Content-Length (the relay's own reader) or chunked (`express.json`). */
async function send(path: string, text: string, chunked: boolean): Promise<string> {
  const bytes = new TextEncoder().encode(text)
  const body = chunked
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes)
          controller.close()
        },
      })
    : bytes
  const response = await fetch(relay.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body,
    ...(chunked && { duplex: 'half' }),
  } as RequestInit)
  const answer = await response.text()
  // A stream's ids and timings differ between two calls; its status and start do not.
  const start = response.status === 200 ? answer.slice(0, 6) : answer
  return `${response.status} ${start}`
}

describe('the JSON body of the chat routes', () => {
  for (const path of ['/api/chat', '/v1/chat/completions']) {
    it(`answers every body as express.json would, sized or chunked (${path})`, async () => {
      for (const text of BODIES) {
        expect(await send(path, text, false), JSON.stringify(text)).toBe(
          await send(path, text, true),
        )
      }
    })
  }
})
