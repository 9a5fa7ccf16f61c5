import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { once } from 'node:events'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/load-config.js'
import { StartupError, startRelay } from '../src/start-relay.js'
import type { RunningRelay } from '../src/start-relay.js'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'
import {
  UPSTREAM_KEY,
  assertNoKey,
  chatBody,
  contentOf,
  memoryLogger,
  post,
  readSSE,
} from './helpers.js'

let running: RunningRelay | undefined
let upstream: MockOpenAI | undefined
afterEach(async () => {
  await running?.close(100)
  await upstream?.close()
  running = undefined
  upstream = undefined
})

describe('startRelay', () => {
  it('answers with the embedded mock model when there is no OPENAI_API_KEY', async () => {
    running = await startRelay(loadConfig({ PORT: '0', MOCK_TOKENS_PER_SECOND: '2000' }), {
      logger: memoryLogger(),
    })
    expect(running.summary).toMatch(
      /^relay listening on http:\/\/127\.0\.0\.1:\d+ · upstream: mock model \(no OPENAI_API_KEY\) · continuation on \(max 3\)$/,
    )
    expect(await (await fetch(`${running.url}/api/health`)).json()).toEqual({ status: 'ok' })
    const response = await post(
      `${running.url}/api/chat`,
      chatBody({ messages: [{ role: 'user', content: 'What is SSE?' }] }),
    )
    expect(response.status).toBe(200)
    const { events } = await readSSE(response)
    expect(contentOf(events).length).toBeGreaterThan(20)
    expect(events.at(-1)?.data).toBe('[DONE]')
  })

  it('relays the configured upstream and never shows its key in the summary', async () => {
    upstream = await startMockOpenAI({ script: { chunks: ['from', ' upstream'] } })
    const env = loadConfig({
      PORT: '0',
      OPENAI_API_KEY: UPSTREAM_KEY,
      OPENAI_BASE_URL: upstream.url,
      OPENAI_MODEL: 'gpt-x',
    })
    running = await startRelay(env, { logger: memoryLogger() })
    assertNoKey(running.summary)
    expect(running.summary).toContain(`upstream: ${upstream.url} (key set)`)
    const { events } = await readSSE(await post(`${running.url}/api/chat`, chatBody()))
    expect(contentOf(events)).toBe('from upstream')
    const request = await upstream.nextRequest()
    expect(request.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`)
    expect(request.body).toMatchObject({ model: 'gpt-x' })
  })

  it('refuses to start when Redis does not answer, naming REDIS_URL without its password', async () => {
    const closed = createServer()
    closed.listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const env = loadConfig({ PORT: '0', REDIS_URL: `redis://relay:hunter2@127.0.0.1:${port}` })
    const attempt = startRelay(env, { logger: memoryLogger() })
    await expect(attempt).rejects.toBeInstanceOf(StartupError)
    await expect(attempt).rejects.toMatchObject({ code: 'redis_unreachable' })
    await expect(attempt).rejects.toThrow(
      `Cannot reach Redis at REDIS_URL (redis://127.0.0.1:${port}`,
    )
    await expect(attempt).rejects.not.toThrow(/hunter2/)
  })

  it('cuts open streams after the grace period on close', async () => {
    upstream = await startMockOpenAI({ script: { chunks: Array(1000).fill('x'), delayMs: 50 } })
    running = await startRelay(
      loadConfig({ PORT: '0', OPENAI_API_KEY: UPSTREAM_KEY, OPENAI_BASE_URL: upstream.url }),
      {
        logger: memoryLogger(),
      },
    )
    const response = await post(`${running.url}/api/chat`, chatBody())
    const reading = readSSE(response).catch(() => undefined)
    const upstreamRequest = await upstream.nextRequest()
    await running.close(100)
    running = undefined
    await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
    await reading
  })
})

const serverJs = fileURLToPath(new URL('../dist/server.js', import.meta.url))

describe.skipIf(!existsSync(serverJs))('node dist/server.js (after the build)', () => {
  it('starts with the mock model, prints the summary, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [serverJs], {
      env: { PATH: process.env.PATH, PORT: '0', MOCK_TOKENS_PER_SECOND: '5000' },
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.setEncoding('utf8')
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (text: string) => {
        output += text
        const match = /relay listening on (http:\/\/\S+)/.exec(output)
        if (match?.[1] !== undefined) resolve(match[1])
      })
      child.once('exit', () => reject(new Error(`server exited: ${output}`)))
    })
    const { events } = await readSSE(await post(`${url}/api/chat`, chatBody()))
    expect(events.at(-1)?.data).toBe('[DONE]')
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
    expect(output).toMatch(/POST \/api\/chat 200 \d+ms/)
  })
})
