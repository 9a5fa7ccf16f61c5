import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { createMockOpenAIHandler, startMockOpenAI, type MockOpenAI } from '../src/index.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function started(): Promise<MockOpenAI> {
  const mock = await startMockOpenAI({ tokensPerSecond: Infinity })
  cleanups.push(() => mock.close())
  return mock
}

describe('createMockOpenAIHandler', () => {
  it('answers inside another server, under a prefix of its own, and records there', async () => {
    const handler = createMockOpenAIHandler({ tokensPerSecond: Infinity })
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/upstream/') === true) {
        req.url = req.url.slice('/upstream'.length)
        return handler(req, res)
      }
      res.end('host page')
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    cleanups.push(async () => {
      handler.closeAll()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })
    const { port } = server.address() as AddressInfo
    const client = new OpenAI({
      apiKey: 'x',
      baseURL: `http://127.0.0.1:${port}/upstream/v1`,
      maxRetries: 0,
    })
    handler.scriptOnce({ chunks: ['mounted'] })
    const completion = await client.chat.completions.create({
      model: 'mock-chat',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(completion.choices[0]?.message.content).toBe('mounted')
    expect((await handler.nextRequest()).path).toBe('/v1/chat/completions')
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('host page')
  })
})

describe('the mock model with n > 1', () => {
  it('streams a deterministic answer per choice, interleaved by index', async () => {
    const mock = await started()
    const client = new OpenAI({ apiKey: mock.apiKey, baseURL: mock.url, maxRetries: 0 })
    const request = {
      model: 'mock-chat',
      messages: [{ role: 'user' as const, content: 'Compare Vue vs React' }],
      n: 3,
    }
    const texts = ['', '', '']
    const order: number[] = []
    const finishes: (string | null)[] = [null, null, null]
    for await (const chunk of await client.chat.completions.create({ ...request, stream: true })) {
      for (const choice of chunk.choices) {
        texts[choice.index] += choice.delta.content ?? ''
        if (choice.delta.content) order.push(choice.index)
        if (choice.finish_reason) finishes[choice.index] = choice.finish_reason
      }
    }
    expect(new Set(texts).size).toBe(3)
    expect(order.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2])
    expect(finishes).toEqual(['stop', 'stop', 'stop'])

    const single = await client.chat.completions.create({ ...request, n: 1 })
    expect(single.choices[0]?.message.content).toBe(texts[0])
    const whole = await client.chat.completions.create(request)
    expect(whole.choices.map((choice) => choice.message.content)).toEqual(texts)
  })
})
