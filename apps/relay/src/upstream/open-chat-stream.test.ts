import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Readable } from 'node:stream'
import OpenAI, { APIConnectionError, RateLimitError } from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { createKeepAliveAgents } from './node-fetch.js'
import { directChatStream } from './open-chat-stream.js'

let server: Server | undefined
afterEach(() => {
  server?.closeAllConnections()
  server?.close()
  server = undefined
})

interface Seen {
  url: string | undefined
  headers: IncomingMessage['headers']
  body: string
}

async function serve(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ baseURL: string; seen: Seen[] }> {
  const seen: Seen[] = []
  server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (part: string) => (body += part))
    req.on('end', () => {
      seen.push({ url: req.url, headers: req.headers, body })
      answer(req, res)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen }
}

const params = {
  model: 'gpt-test',
  messages: [{ role: 'user' as const, content: 'Hi' }],
  stream: true as const,
}

function open(baseURL: string, signal = new AbortController().signal): Promise<Readable> {
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL,
    organization: 'org-1',
    project: 'proj-1',
    maxRetries: 0,
  })
  return directChatStream(client as OpenAI & { apiKey: string }, createKeepAliveAgents())(
    params,
    signal,
  )
}

async function text(body: Readable): Promise<string> {
  let out = ''
  for await (const part of body) out += String(part)
  return out
}

describe('directChatStream', () => {
  it('sends the request the SDK would and resolves with the body of an accepted answer', async () => {
    const { baseURL, seen } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.end('data: [DONE]\n\n')
    })
    expect(await text(await open(baseURL))).toBe('data: [DONE]\n\n')
    const [request] = seen
    expect(request?.url).toBe('/v1/chat/completions')
    expect(JSON.parse(request?.body ?? '')).toEqual(params)
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer sk-test',
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
      'content-type': 'application/json',
      'accept-encoding': 'identity',
    })
    expect(request?.headers['user-agent']).toMatch(/^OpenAI\/JS /)
  })

  it("rejects a refusal with the SDK's error for its status, body and headers", async () => {
    const { baseURL } = await serve((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' })
      res.end(JSON.stringify({ error: { message: 'Slow down', code: 'rate_limit_exceeded' } }))
    })
    const error = await open(baseURL).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    const refusal = error as RateLimitError
    expect(refusal.status).toBe(429)
    expect(refusal.code).toBe('rate_limit_exceeded')
    expect(refusal.headers.get('retry-after')).toBe('7')
  })

  it('follows a redirect through the SDK', async () => {
    const { baseURL, seen } = await serve((req, res) => {
      if (req.url === '/v1/chat/completions') {
        res.writeHead(307, { location: '/moved/chat/completions' }).end()
      } else {
        res.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: [DONE]\n\n')
      }
    })
    expect(await text(await open(baseURL))).toBe('data: [DONE]\n\n')
    expect(seen.at(-1)?.url).toBe('/moved/chat/completions')
  })

  it('rejects an unreachable upstream with a connection error', async () => {
    const { baseURL } = await serve(() => {})
    server?.close()
    server?.closeAllConnections()
    await once(server as Server, 'close')
    await expect(open(baseURL)).rejects.toBeInstanceOf(APIConnectionError)
  })
})
