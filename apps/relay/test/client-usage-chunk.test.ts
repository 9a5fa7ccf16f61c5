import { afterEach, expect, it } from 'vitest'
import { chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import type { SSEItem, TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

interface Chunk {
  choices: unknown[]
  usage?: { completion_tokens: number } | null
}

const chunksOf = (events: readonly SSEItem[]): Chunk[] =>
  events.filter(({ data }) => data !== '[DONE]').map(({ data }) => JSON.parse(data) as Chunk)

async function streamFrom(path: string, extra: Record<string, unknown> = {}): Promise<SSEItem[]> {
  relay = await startTestRelay()
  const response = await post(relay.url + path, chatBody({ stream: true, ...extra }))
  expect(response.status).toBe(200)
  const { events } = await readSSE(response)
  expect(contentOf(events)).toBe('Hello world!')
  expect(events.at(-1)?.data).toBe('[DONE]')
  return events
}

it('/v1 sends no usage chunk to a client that did not ask for one: every chunk has a choice', async () => {
  const chunks = chunksOf(await streamFrom('/v1/chat/completions'))
  for (const chunk of chunks) expect(chunk.choices.length).toBeGreaterThan(0)
  // The relay still asked the upstream for usage, for its own log line.
  expect(relay?.logger.lines[0]).toMatch(/ prompt=\d+ completion=\d+$/)
})

it('/v1 sends the usage chunk when stream_options.include_usage is set, as OpenAI does', async () => {
  const events = await streamFrom('/v1/chat/completions', {
    stream_options: { include_usage: true },
  })
  const last = chunksOf(events).at(-1)
  expect(last?.choices).toEqual([])
  expect(last?.usage?.completion_tokens).toBeGreaterThan(0)
})

it('/api/chat always ends with the usage chunk (the kit reads it)', async () => {
  const last = chunksOf(await streamFrom('/api/chat')).at(-1)
  expect(last?.choices).toEqual([])
  expect(last?.usage?.completion_tokens).toBeGreaterThan(0)
})
