import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'
import express from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createRelay } from '../src/create-relay.js'
import { silentLogger } from '../src/log/logger.js'
import { chatBody, contentOf, post, readSSE } from './helpers.js'

let upstream: MockOpenAI
let host: { url: string; server: Server } | undefined

beforeAll(async () => {
  upstream = await startMockOpenAI({ script: { chunks: ['Hello', ' from the mock'] } })
})
afterAll(() => upstream.close())
afterEach(async () => {
  host?.server.closeAllConnections()
  await new Promise<void>((resolve) => (host ? host.server.close(() => resolve()) : resolve()))
  host = undefined
})

const relay = () =>
  createRelay({
    upstream: { apiKey: upstream.apiKey, baseURL: upstream.url },
    rateLimitPerMinute: 0,
    logger: silentLogger,
  })

/** A host app with its own routes around the relay, on a real 127.0.0.1 socket. */
async function startHost(build: (app: express.Express) => void): Promise<string> {
  const app = express()
  build(app)
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  host = { url, server }
  return url
}

const hostRoute =
  (name: string): express.RequestHandler =>
  (_req, res) =>
    void res.send(name)

/** Streams one chat reply through `url` and returns its text. */
async function chat(url: string, body: unknown = chatBody()): Promise<string> {
  const response = await post(url, body)
  expect(response.status).toBe(200)
  const { events } = await readSSE(response)
  expect(events.at(-1)?.data).toBe('[DONE]')
  return contentOf(events)
}

async function expectJsonError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code)
}

describe('the relay mounted under a sub-path of a host app', () => {
  it('serves its four routes under the mount path, next to the host routes', async () => {
    const url = await startHost((app) => {
      app.get('/hello', hostRoute('host before'))
      app.use('/chat', relay())
      app.get('/chat/about', hostRoute('host after, under the same prefix'))
      app.get('/bye', hostRoute('host after'))
    })
    expect(await chat(`${url}/chat/api/chat`)).toBe('Hello from the mock')

    const completion = await post(`${url}/chat/v1/chat/completions`, chatBody({ stream: false }))
    expect(completion.status).toBe(200)
    const body = (await completion.json()) as { choices: Array<{ message: { content: string } }> }
    expect(body.choices[0]?.message.content).toBe('Hello from the mock')

    const models = await fetch(`${url}/chat/v1/models`)
    expect(models.status).toBe(200)
    expect(((await models.json()) as { object: string }).object).toBe('list')
    expect((await fetch(`${url}/chat/api/health`)).status).toBe(200)

    expect(await (await fetch(`${url}/hello`)).text()).toBe('host before')
    expect(await (await fetch(`${url}/chat/about`)).text()).toBe(
      'host after, under the same prefix',
    )
    expect(await (await fetch(`${url}/bye`)).text()).toBe('host after')
  })

  it('answers its own errors as JSON under the mount path', async () => {
    const url = await startHost((app) => app.use('/chat', relay()))
    await expectJsonError(await fetch(`${url}/chat/api/nope`), 404, 'not_found')
    await expectJsonError(await fetch(`${url}/chat/v1/embeddings`), 404, 'not_found')
    await expectJsonError(await fetch(`${url}/chat/api/chat`), 405, 'method_not_allowed')
    await expectJsonError(await post(`${url}/chat/api/chat`, '{"messages": ['), 400, 'invalid_json')
    await expectJsonError(await post(`${url}/chat/api/chat`, {}), 400, 'invalid_request')
    const text = await fetch(`${url}/chat/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    })
    await expectJsonError(text, 415, 'unsupported_media_type')
  })
})

describe('the relay mounted at the root of a host app', () => {
  it('leaves every path outside /api and /v1 to the host', async () => {
    const url = await startHost((app) => {
      app.use(relay())
      app.get('/bye', hostRoute('host after'))
      app.use((_req, res) => void res.status(404).send('host 404'))
    })
    expect(await chat(`${url}/api/chat`)).toBe('Hello from the mock')
    expect(await (await fetch(`${url}/bye`)).text()).toBe('host after')
    const missing = await fetch(`${url}/nowhere`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toBe('host 404')
    await expectJsonError(await fetch(`${url}/api/nope`), 404, 'not_found')
  })
})

describe("a host app's own body parser", () => {
  // Larger than express.json()'s default 100 KB limit, smaller than the relay's 32 MiB.
  const large = chatBody({ messages: [{ role: 'user', content: 'x'.repeat(200_000) }] })

  it('is not needed when the relay comes first: the relay reads up to 32 MiB itself', async () => {
    const url = await startHost((app) => {
      app.use('/chat', relay())
      app.use(express.json())
      app.post('/echo', (req, res) => void res.json(req.body))
    })
    expect(await chat(`${url}/chat/api/chat`, large)).toBe('Hello from the mock')
    expect(await (await post(`${url}/echo`, { a: 1 })).json()).toEqual({ a: 1 })
  })

  it('mounted first, hands its parsed body to the relay, whose errors stay JSON', async () => {
    const url = await startHost((app) => {
      app.use(express.json({ limit: '1mb' }))
      app.use('/chat', relay())
    })
    expect(await chat(`${url}/chat/api/chat`)).toBe('Hello from the mock')
    expect(await chat(`${url}/chat/api/chat`, large)).toBe('Hello from the mock')
    expect(upstream.requests.at(-1)?.body?.messages).toMatchObject([
      { content: 'x'.repeat(200_000) },
    ])
    await expectJsonError(
      await post(`${url}/chat/api/chat`, { messages: 'hi' }),
      400,
      'invalid_request',
    )
  })

  it('mounted first as a text parser, leaves JSON the relay still reads', async () => {
    const url = await startHost((app) => {
      app.use(express.text({ type: 'application/json' }))
      app.use('/chat', relay())
    })
    expect(await chat(`${url}/chat/api/chat`)).toBe('Hello from the mock')
    await expectJsonError(await post(`${url}/chat/api/chat`, '{"messages": ['), 400, 'invalid_json')
  })
})
