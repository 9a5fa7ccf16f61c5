import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockOpenAI, type MockOpenAI } from '../src/index.js'

let mock: MockOpenAI
let client: OpenAI
beforeAll(async () => {
  mock = await startMockOpenAI({ tokensPerSecond: 5000 })
  client = new OpenAI({ apiKey: mock.apiKey, baseURL: mock.url, maxRetries: 0 })
})
afterAll(() => mock.close())

interface Collected {
  content: string[]
  reasoning: string[]
  finish: string | null
  usage?: OpenAI.CompletionUsage
  error?: unknown
}

async function collect(
  content: string,
  extra: Partial<OpenAI.ChatCompletionCreateParamsStreaming> = {},
): Promise<Collected> {
  const result: Collected = { content: [], reasoning: [], finish: null }
  const stream = await client.chat.completions.create({
    model: 'mock-chat',
    messages: [{ role: 'user', content }],
    stream: true,
    stream_options: { include_usage: true },
    ...extra,
  })
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices[0]
      const delta = choice?.delta as { content?: string; reasoning_content?: string } | undefined
      if (delta?.content) result.content.push(delta.content)
      if (delta?.reasoning_content) result.reasoning.push(delta.reasoning_content)
      result.finish = choice?.finish_reason ?? result.finish
      if (chunk.usage) result.usage = chunk.usage
    }
  } catch (error) {
    result.error = error
  }
  return result
}

const plain = async (content: string): Promise<string> =>
  (
    await client.chat.completions.create({
      model: 'mock-chat',
      messages: [{ role: 'user', content }],
    })
  ).choices[0]?.message.content ?? ''

describe('directives', () => {
  it('/length N stops after N tokens with finish_reason "length"', async () => {
    const reply = await collect('/length 12 Explain event loops')
    expect(reply.content).toHaveLength(12)
    expect(reply.finish).toBe('length')
    expect(reply.usage?.completion_tokens).toBe(12)
  })

  it('max_tokens and max_completion_tokens cut the reply the same way', async () => {
    expect((await collect('Explain event loops', { max_tokens: 7 })).content).toHaveLength(7)
    const reply = await collect('Explain event loops', { max_completion_tokens: 9 })
    expect(reply.content).toHaveLength(9)
    expect(reply.finish).toBe('length')
  })

  it('is removed before the answer is composed', async () => {
    const cut = (await collect('/length 30 Write a Python function')).content.join('')
    const full = await plain('Write a Python function')
    expect(full.startsWith(cut)).toBe(true)
    expect(full).not.toContain('/length')
  })

  it('/error 429 answers a rate limit with Retry-After', async () => {
    const error = await collect('/error 429 hi').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>
    expect(rateLimit.headers.get('retry-after')).toBe('2')
    expect(rateLimit.code).toBe('rate_limit_exceeded')
  })

  it('/error 401 says the API key is invalid', async () => {
    const error = await collect('/error 401').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
    expect((error as Error).message).toMatch(/incorrect api key/i)
  })

  it('/error STATUS message uses the message', async () => {
    const response = await fetch(`${mock.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        messages: [{ role: 'user', content: '/error 503 Down for maintenance' }],
      }),
    })
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      error: {
        message: 'Down for maintenance',
        type: 'server_error',
        param: null,
        code: 'overloaded',
      },
    })
  })

  it('/drop N hangs up after N tokens, without finish_reason or [DONE]', async () => {
    const reply = await collect('/drop 8 Tell me about TCP')
    expect(reply.content).toHaveLength(8)
    expect(reply.finish).toBeNull()
    expect(reply.error).toBeInstanceOf(Error)
  })

  it('/slow MS sends the headers at once and the first token after MS', async () => {
    const started = performance.now()
    const stream = await client.chat.completions.create({
      model: 'mock-chat',
      messages: [{ role: 'user', content: '/slow 300 hello' }],
      stream: true,
    })
    const headersAt = performance.now() - started
    for await (const chunk of stream) {
      expect(chunk.choices[0]?.delta.role).toBe('assistant')
      break
    }
    expect(headersAt).toBeLessThan(250)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('/tps N overrides the pace for one reply', async () => {
    const started = performance.now()
    await collect('/tps 20 /length 5 hello')
    // 5 tokens at 20/s: the last is due 200 ms after the first.
    expect(performance.now() - started).toBeGreaterThan(180)
  })

  it('/reasoning streams reasoning_content before the answer', async () => {
    for (const [content, model] of [
      ['/reasoning Why is the sky blue?', 'mock-chat'],
      ['Why is the sky blue?', 'mock-reasoner'],
    ] as const) {
      const reply = await collect(content, { model })
      expect(reply.reasoning.join('')).toMatch(/^The user is asking about/)
      expect(reply.content.length).toBeGreaterThan(0)
      expect(reply.usage?.completion_tokens_details?.reasoning_tokens).toBe(reply.reasoning.length)
    }
    expect((await collect('Why is the sky blue?')).reasoning).toEqual([])
  })

  it('/long writes 10 to 20 KB', async () => {
    const text = await plain('/long What is Rust?')
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(10_000)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(20_000)
  })
})
