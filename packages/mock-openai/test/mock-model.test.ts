import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MOCK_MODELS, startMockOpenAI, type MockOpenAI } from '../src/index.js'
import { png } from './image-bytes.js'

let mock: MockOpenAI
let client: OpenAI

beforeAll(async () => {
  mock = await startMockOpenAI({ tokensPerSecond: 2000 })
  client = new OpenAI({ apiKey: mock.apiKey, baseURL: mock.url, maxRetries: 0 })
})
afterAll(() => mock.close())

const ask = (content: string): OpenAI.ChatCompletionMessageParam[] => [{ role: 'user', content }]

describe('startMockOpenAI', () => {
  it('listens on an ephemeral loopback port', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    expect(mock.apiKey).not.toBe('')
  })

  it('streams a markdown answer to the official SDK, with finish reason and usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock-chat',
      messages: ask('How do I retry a fetch in TypeScript?'),
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let finish: string | null = null
    let usage: OpenAI.CompletionUsage | null | undefined
    let chunks = 0
    for await (const chunk of stream) {
      chunks++
      text += chunk.choices[0]?.delta.content ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
      usage = chunk.usage ?? usage
    }
    expect(text).toMatch(/```ts\n/)
    expect(finish).toBe('stop')
    expect(chunks).toBeGreaterThan(50)
    expect(usage?.completion_tokens).toBe(chunks - 3)
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0))
  })

  it('answers the same conversation the same way, streamed or not', async () => {
    const messages = ask('Vue vs React for a dashboard')
    const whole = await client.chat.completions.create({ model: 'mock-chat', messages })
    expect(whole.object).toBe('chat.completion')
    expect(whole.id).toMatch(/^chatcmpl-/)
    expect(whole.choices[0]?.finish_reason).toBe('stop')
    const runner = client.chat.completions.stream({ model: 'mock-chat', messages })
    const final = await runner.finalChatCompletion()
    expect(final.choices[0]?.message.content).toBe(whole.choices[0]?.message.content)
  })

  it('lists its models in the OpenAI list shape', async () => {
    const ids: string[] = []
    for await (const model of client.models.list()) ids.push(model.id)
    expect(ids).toEqual(MOCK_MODELS)
    expect((await client.models.retrieve('mock-chat')).object).toBe('model')
    await expect(client.models.retrieve('gpt-nope')).rejects.toMatchObject({ status: 404 })
  })

  it('paces tokens at roughly tokensPerSecond', async () => {
    const started = performance.now()
    const stream = await client.chat.completions.create({
      model: 'mock-chat',
      messages: ask('/tps 200 /length 20 What is the meaning of life?'),
      stream: true,
    })
    let tokens = 0
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) tokens++
    expect(tokens).toBe(20)
    // 20 tokens at 200/s are 19 intervals of 5 ms; only a lower bound, machines can be slow.
    expect(performance.now() - started).toBeGreaterThan(50)
  })
})

describe('request errors', () => {
  const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${mock.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json', ...headers },
      body,
    })

  it.each([
    ['invalid JSON', '{"model":', 400, null],
    ['a missing model', '{"messages":[{"role":"user","content":"hi"}]}', 400, 'model'],
    ['empty messages', '{"model":"m","messages":[]}', 400, 'messages'],
    [
      'a bad role',
      '{"model":"m","messages":[{"role":"robot","content":"hi"}]}',
      400,
      'messages[0].role',
    ],
    [
      'ill-typed content',
      '{"model":"m","messages":[{"role":"user","content":5}]}',
      400,
      'messages[0].content',
    ],
    [
      'a bad max_tokens',
      '{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":0}',
      400,
      'max_tokens',
    ],
  ])('answers %s with an OpenAI JSON error', async (_case, body, status, param) => {
    const response = await post(body)
    expect(response.status).toBe(status)
    const json = (await response.json()) as { error: Record<string, unknown> }
    expect(json.error).toMatchObject({ type: 'invalid_request_error', param })
    expect(json.error['message']).toEqual(expect.any(String))
    expect(json.error).toHaveProperty('code')
  })

  it('rejects a wrong content type, method, path or missing key', async () => {
    expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415)
    const get = await fetch(`${mock.url}/chat/completions`, {
      headers: { authorization: 'Bearer x' },
    })
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect((await fetch(`${mock.url}/engines`)).status).toBe(404)
    const anonymous = await fetch(`${mock.url}/models`)
    expect(anonymous.status).toBe(401)
  })

  it('surfaces as the SDK error class with the status', async () => {
    await expect(
      client.chat.completions.create({ model: 'mock-chat', messages: [] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError)
  })
})

describe('the mock model and images', () => {
  it('says what it can tell of the images sent with the question, first', async () => {
    const url = `data:image/png;base64,${png(640, 480).toString('base64')}`
    const completion = await client.chat.completions.create({
      model: 'mock-chat',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url } },
            { type: 'image_url', image_url: { url: 'https://example.com/b.jpg' } },
          ],
        },
      ],
    })
    expect(completion.choices[0]?.message.content).toMatch(
      /^You sent 2 images: an image of 640 × 480 pixels, PNG and an image at https:\/\/example\.com\/b\.jpg\.\n\n/,
    )
  })
})
