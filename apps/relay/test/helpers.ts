import { once } from 'node:events'
import { createServer, request } from 'node:http'
import type { IncomingMessage, RequestListener, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createParser } from 'eventsource-parser'
import { createRelay } from '../src/create-relay.js'
import type { RelayConfig } from '../src/config/relay-config.js'
import type { RelayLogger } from '../src/log/logger.js'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI, MockPlan } from '@typewriter-chat/mock-openai'

/** The upstream key used in tests: every test that can asserts it never reaches a client. */
export const UPSTREAM_KEY = 'sk-test-SECRET0123456789abcdef'

/** A logger that keeps lines for assertions and prints nothing. */
export function memoryLogger(): RelayLogger & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return {
    lines,
    errors,
    info: (line) => void lines.push(line),
    error: (line) => void errors.push(line),
  }
}

/** What the upstream streams when a test does not say: three content chunks. */
export const HELLO: readonly string[] = ['Hello', ' world', '!']

/**
 * Both paths a reply takes through the relay: with continuation on, the upstream's chunks go through
 * core's `continueOnLength`; off, they come straight from the upstream loop.
 */
export const CONTINUATION_MODES: ReadonlyArray<[string, Partial<RelayConfig>]> = [
  ['continuation on', {}],
  ['continuation off', { continuation: { enabled: false } }],
]

export interface TestRelay {
  url: string
  server: Server
  upstream: MockOpenAI
  logger: ReturnType<typeof memoryLogger>
  close(): Promise<void>
}

/**
 * The mock upstream, scripted with `plan` (its chunks default to {@link HELLO}), plus a relay in
 * front of it, both on real 127.0.0.1 sockets. `mount` puts the relay inside another handler, as an
 * app that mounts it would.
 */
export async function startTestRelay(
  config: Partial<RelayConfig> = {},
  plan: MockPlan = {},
  mount: (relay: RequestListener) => RequestListener = (relay) => relay,
): Promise<TestRelay> {
  const upstream = await startMockOpenAI({ script: { chunks: HELLO, ...plan } })
  const logger = memoryLogger()
  const app = createRelay({
    rateLimitPerMinute: 0,
    ...config,
    upstream: config.upstream ?? { apiKey: UPSTREAM_KEY, baseURL: upstream.url },
    logger,
  })
  const server = createServer(mount(app))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    upstream,
    logger,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await upstream.close()
    },
  }
}

/** POSTs a JSON body (objects are stringified, strings sent as-is). */
export function post(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/**
 * POSTs a minimal chat body to `/api/chat` with `node:http`, whose response (unlike fetch's) can be
 * paused and resumed at will, as a slow or stalled client does.
 */
export async function openChat(url: string): Promise<IncomingMessage> {
  const { port } = new URL(url)
  const body = JSON.stringify(chatBody())
  const req = request({
    host: '127.0.0.1',
    port,
    path: '/api/chat',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  })
  req.end(body)
  return new Promise((resolve, reject) => req.on('response', resolve).on('error', reject))
}

/** One upstream SSE event: a chat chunk of choice 0, for `raw` plans. */
export const chunkEvent = (content: string, finish: string | null = null): string =>
  `data: ${JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'mock-chat',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  })}\n\n`

/** A minimal valid chat body. */
export const chatBody = (extra: Record<string, unknown> = {}) => ({
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
})

/** One SSE item as read by a spec-conformant parser. */
export interface SSEItem {
  id: string | undefined
  data: string
}

/** Reads a whole SSE response into its events and comments. */
export async function readSSE(
  response: Response,
): Promise<{ events: SSEItem[]; comments: string[]; raw: string }> {
  const events: SSEItem[] = []
  const comments: string[] = []
  const parser = createParser({
    onEvent: (event) => events.push({ id: event.id, data: event.data }),
    onComment: (comment) => comments.push(comment),
  })
  let raw = ''
  const decoder = new TextDecoder()
  for await (const bytes of response.body ?? []) {
    const text = decoder.decode(bytes as Uint8Array, { stream: true })
    raw += text
    parser.feed(text)
  }
  return { events, comments, raw }
}

/** The text content of an SSE chat stream's chunks, joined. */
export function contentOf(events: readonly SSEItem[]): string {
  let text = ''
  for (const { data } of events) {
    if (data === '[DONE]') continue
    const chunk = JSON.parse(data) as { choices?: Array<{ delta?: { content?: string | null } }> }
    for (const choice of chunk.choices ?? []) text += choice.delta?.content ?? ''
  }
  return text
}

/** Fails if the upstream key appears anywhere in the text. */
export function assertNoKey(text: string): void {
  if (text.includes(UPSTREAM_KEY) || text.includes(UPSTREAM_KEY.slice(0, 12))) {
    throw new Error(`the upstream key leaked: ${text.slice(0, 300)}`)
  }
}

/** Headers of a response as one string, for leak checks. */
export const headerText = (response: Response): string =>
  [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n')
