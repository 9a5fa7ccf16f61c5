import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockOpenAI, type MockOpenAI } from '../src/index.js'

let mock: MockOpenAI
beforeAll(async () => {
  mock = await startMockOpenAI({ tokensPerSecond: Infinity })
})
afterAll(() => mock.close())

async function rawStream(extra: object): Promise<{ response: Response; body: string }> {
  const response = await fetch(`${mock.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mock.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: '/length 6 What is the meaning of life?' }],
      stream: true,
      ...extra,
    }),
  })
  return { response, body: await response.text() }
}

const payloads = (body: string): string[] => {
  const events = body.split('\n\n')
  expect(events.pop()).toBe('')
  for (const event of events) expect(event).toMatch(/^data: [^\n]+$/)
  return events.map((event) => event.slice('data: '.length))
}

describe('the streamed wire format', () => {
  it('matches OpenAI chunk for chunk', async () => {
    const { response, body } = await rawStream({ stream_options: { include_usage: true } })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const events = payloads(body)
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as Record<string, unknown>)
    const [first, ...rest] = chunks
    const usage = rest.pop()
    const finish = rest.pop()

    expect(Object.keys(first ?? {})).toEqual([
      'id',
      'object',
      'created',
      'model',
      'service_tier',
      'system_fingerprint',
      'choices',
      'usage',
    ])
    expect(first).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-[A-Za-z0-9]{29}$/),
      object: 'chat.completion.chunk',
      created: expect.any(Number),
      model: 'gpt-4o-mini',
      system_fingerprint: expect.stringMatching(/^fp_/),
      usage: null,
    })
    expect(first?.['choices']).toEqual([
      {
        index: 0,
        delta: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: null,
      },
    ])
    expect(rest).toHaveLength(6)
    for (const chunk of rest) {
      expect(chunk['id']).toBe(first?.['id'])
      expect(chunk['choices']).toEqual([
        { index: 0, delta: { content: expect.any(String) }, logprobs: null, finish_reason: null },
      ])
    }
    expect(finish?.['choices']).toEqual([
      { index: 0, delta: {}, logprobs: null, finish_reason: 'length' },
    ])
    expect(usage?.['choices']).toEqual([])
    expect(usage?.['usage']).toEqual({
      prompt_tokens: expect.any(Number),
      completion_tokens: 6,
      total_tokens: expect.any(Number),
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    })
  })

  it('leaves usage out entirely unless include_usage is asked for', async () => {
    const events = payloads((await rawStream({})).body)
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as object)
    for (const chunk of chunks) expect(chunk).not.toHaveProperty('usage')
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'length' }] })
  })

  it('sends a chat.completion object when not streaming', async () => {
    const { body } = await rawStream({ stream: false })
    expect(JSON.parse(body)).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: expect.any(String),
            refusal: null,
            annotations: [],
          },
          logprobs: null,
          finish_reason: 'length',
        },
      ],
      usage: expect.objectContaining({ completion_tokens: 6 }),
      service_tier: 'default',
      system_fingerprint: expect.stringMatching(/^fp_/),
    })
  })
})
