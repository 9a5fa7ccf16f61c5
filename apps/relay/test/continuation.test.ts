import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import type { MockPlan } from '@typewriter-chat/mock-openai'
import { chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import type { SSEItem, TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

interface Chunk {
  choices: Array<{ finish_reason: string | null }>
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null
  continuation?: { round: number }
}

const chunksOf = (events: readonly SSEItem[]): Chunk[] =>
  events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Chunk)
const finishReasons = (events: readonly SSEItem[]) =>
  chunksOf(events).flatMap((c) =>
    c.choices.map((choice) => choice.finish_reason).filter((r) => r !== null),
  )

const cut = (chunks: string[]): MockPlan => ({
  chunks,
  finishReason: 'length',
  usage: { prompt_tokens: 10, completion_tokens: chunks.length, total_tokens: 10 + chunks.length },
})
const rest = (chunks: string[]): MockPlan => ({
  chunks,
  usage: { prompt_tokens: 20, completion_tokens: chunks.length, total_tokens: 20 + chunks.length },
})

describe('server-side continuation', () => {
  it('continues a reply cut by the token limit and streams it as one reply', async () => {
    relay = await startTestRelay()
    relay.upstream.scriptOnce(cut(['The first', ' half']))
    relay.upstream.scriptOnce(rest([' and the second half.']))
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(contentOf(events)).toBe('The first half and the second half.')
    expect(finishReasons(events)).toEqual(['stop'])
    expect(events.at(-1)?.data).toBe('[DONE]')
    expect(chunksOf(events).some((c) => c.continuation?.round === 1)).toBe(true)
    const usage = chunksOf(events).filter((c) => c.usage != null)
    expect(usage).toHaveLength(1)
    expect(usage[0]?.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 3 })

    expect(relay.upstream.requests).toHaveLength(2)
    const second = relay.upstream.requests[1]?.body as {
      messages: Array<{ role: string; content: string }>
    }
    expect(second.messages.slice(0, 2)).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'The first half' },
    ])
    expect(second.messages[2]?.role).toBe('user')
    expect(relay.upstream.requests[1]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    })
  })

  it('stops after maxContinuations rounds and passes the last length through', async () => {
    relay = await startTestRelay({ continuation: { maxContinuations: 2 } })
    relay.upstream.script(() => cut([`word${relay?.upstream.requests.length ?? 0} `]))
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(relay.upstream.requests).toHaveLength(3)
    expect(finishReasons(events)).toEqual(['length'])
  })

  it('is switched off per request with continuation: false', async () => {
    relay = await startTestRelay()
    relay.upstream.script(cut(['cut here']))
    const { events } = await readSSE(
      await post(`${relay.url}/api/chat`, chatBody({ continuation: false })),
    )
    expect(relay.upstream.requests).toHaveLength(1)
    expect(finishReasons(events)).toEqual(['length'])
  })

  it('is switched off by configuration', async () => {
    relay = await startTestRelay({ continuation: { enabled: false } })
    relay.upstream.script(cut(['cut here']))
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(relay.upstream.requests).toHaveLength(1)
    expect(finishReasons(events)).toEqual(['length'])
  })

  it('keeps a /v1 reply cut at length as OpenAI does, unless RELAY_V1_CONTINUATION is on', async () => {
    relay = await startTestRelay()
    relay.upstream.scriptOnce(cut(['One,']))
    const client = new OpenAI({ apiKey: 'x', baseURL: `${relay.url}/v1`, maxRetries: 0 })
    const completion = await client.chat.completions.create({
      model: 'gpt-fake',
      messages: [{ role: 'user', content: 'Count' }],
    })
    expect(completion.choices[0]?.message.content).toBe('One,')
    expect(completion.choices[0]?.finish_reason).toBe('length')
    expect(relay.upstream.requests).toHaveLength(1)
  })

  it('with RELAY_V1_CONTINUATION also continues non-streamed /v1 completions, assembling all rounds', async () => {
    relay = await startTestRelay({ continuation: { v1: true } })
    relay.upstream.scriptOnce(cut(['One,']))
    relay.upstream.scriptOnce(rest([' two.']))
    const client = new OpenAI({ apiKey: 'x', baseURL: `${relay.url}/v1`, maxRetries: 0 })
    const completion = await client.chat.completions.create({
      model: 'gpt-fake',
      messages: [{ role: 'user', content: 'Count' }],
    })
    expect(completion.choices[0]?.message.content).toBe('One, two.')
    expect(completion.choices[0]?.finish_reason).toBe('stop')
    expect(completion.usage?.completion_tokens).toBe(2)
  })
})
