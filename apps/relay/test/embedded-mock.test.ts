import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { createRelay } from '../src/create-relay.js'
import { chatBody, contentOf, memoryLogger, post, readSSE } from './helpers.js'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

async function listen(app: ReturnType<typeof createRelay>): Promise<string> {
  server = createServer(app)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('createRelay({ upstream: { mock: true } })', () => {
  it('answers /api/chat and /v1/chat/completions with the mock model', async () => {
    const url = await listen(
      createRelay({
        upstream: { mock: true, tokensPerSecond: Infinity },
        rateLimitPerMinute: 0,
        token: 'relay-token',
        logger: memoryLogger(),
      }),
    )
    const auth = { authorization: 'Bearer relay-token' }
    const { events } = await readSSE(
      await post(`${url}/api/chat`, chatBody({ messages: [{ role: 'user', content: 'Hello' }] }), {
        headers: auth,
      }),
    )
    const text = contentOf(events)
    expect(text.length).toBeGreaterThan(20)
    expect(events.at(-1)?.data).toBe('[DONE]')

    const client = new OpenAI({ apiKey: 'relay-token', baseURL: `${url}/v1`, maxRetries: 0 })
    const completion = await client.chat.completions.create({
      model: 'mock-chat',
      messages: [{ role: 'user', content: 'Hello' }],
    })
    expect(completion.choices[0]?.message.content).toBe(text)
    const health = (await (await fetch(`${url}/api/health`, { headers: auth })).json()) as Record<
      string,
      unknown
    >
    expect(health).toMatchObject({ upstream: 'mock', defaultModel: 'mock-chat' })
  })

  it('never keeps the process alive: a script that used it exits once its own server closes', async () => {
    const relayEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url))
    const script = `
      import { createServer } from 'node:http'
      import { createRelay } from ${JSON.stringify(relayEntry)}
      const app = createRelay({ upstream: { mock: true, tokensPerSecond: 1000 }, logger: { info() {}, error() {} } })
      const server = createServer(app).listen(0, '127.0.0.1', async () => {
        const response = await fetch('http://127.0.0.1:' + server.address().port + '/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: '/length 5 Hi' }] }),
        })
        console.log((await response.text()).includes('[DONE]'))
        server.close()
        server.closeAllConnections()
      })
    `
    const child = spawn(process.execPath, ['--input-type=module', '-e', script])
    let out = ''
    child.stdout.on('data', (data: Buffer) => (out += data.toString()))
    const started = performance.now()
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(out.trim()).toBe('true')
    expect(code).toBe(0)
    expect(performance.now() - started).toBeLessThan(4000)
  })
})
