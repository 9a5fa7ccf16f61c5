import { MOCK_MODELS } from '@typewriter-chat/mock-openai'
import OpenAI from 'openai'
import type { APIError } from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { assertNoKey, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

const clientOf = (url: string, apiKey = 'unused') =>
  new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 })

describe('the official openai client against the relay', () => {
  it('streams a chat completion through /v1/chat/completions', async () => {
    relay = await startTestRelay({}, { chunks: ['Bon', 'jour', ' 👋'] })
    const stream = await clientOf(relay.url).chat.completions.create({
      model: 'gpt-fake',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      if (chunk.usage) usage = chunk.usage
    }
    expect(text).toBe('Bonjour 👋')
    expect(usage?.completion_tokens).toBe(3)
  })

  it('gets a non-streamed chat completion assembled from the upstream stream', async () => {
    relay = await startTestRelay(
      {},
      {
        chunks: ['Hello', ' there'],
        usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
      },
    )
    const completion = await clientOf(relay.url).chat.completions.create({
      model: 'gpt-fake',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(completion.object).toBe('chat.completion')
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Hello there',
    })
    expect(completion.choices[0]?.finish_reason).toBe('stop')
    expect(completion.usage?.total_tokens).toBe(12)
    const upstreamRequest = await relay.upstream.nextRequest()
    expect(upstreamRequest.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    })
  })

  it('passes the allowed OpenAI fields through on /v1 and drops the others', async () => {
    relay = await startTestRelay()
    await clientOf(relay.url).chat.completions.create({
      model: 'gpt-fake',
      messages: [{ role: 'user', content: 'Hi' }],
      logprobs: true,
      metadata: { app: 'test' },
    })
    const { body } = await relay.upstream.nextRequest()
    expect(body).toMatchObject({ logprobs: true })
    expect(body).not.toHaveProperty('metadata')
  })

  it('sees upstream errors as the SDK error classes with their status', async () => {
    relay = await startTestRelay({}, { status: 429, headers: { 'retry-after': '3' } })
    const error = await clientOf(relay.url)
      .chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect((error as APIError).headers?.get('retry-after')).toBe('3')
  })

  it('lists models: the upstream list, or the allow-list when one is configured', async () => {
    relay = await startTestRelay()
    const upstreamModels = await clientOf(relay.url).models.list()
    expect(upstreamModels.data.map((m) => m.id)).toEqual([...MOCK_MODELS])
    await relay.close()
    relay = await startTestRelay({ defaultModel: 'gpt-a', allowedModels: ['gpt-b', 'gpt-c'] })
    const allowed = await clientOf(relay.url).models.list()
    expect(allowed.data.map((m) => m.id)).toEqual(['gpt-a', 'gpt-b', 'gpt-c'])
  })

  it('reports health without the key', async () => {
    relay = await startTestRelay({ defaultModel: 'gpt-a', token: 'relay-token' })
    const response = await fetch(`${relay.url}/api/health`, {
      headers: { authorization: 'Bearer relay-token' },
    })
    const text = await response.text()
    assertNoKey(text)
    expect(JSON.parse(text)).toMatchObject({
      status: 'ok',
      upstream: 'openai',
      defaultModel: 'gpt-a',
      continuation: { enabled: true, maxContinuations: 3 },
    })
  })
})
