import type { ManualClock } from '@typewriter-chat/core/testing'
import { createServer } from 'node:http'
import type { Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the test server received. */
export interface ReceivedRequest {
  headers: Record<string, string | string[] | undefined>
  body: Record<string, unknown>
}

type Handler = (res: ServerResponse, request: ReceivedRequest) => void | Promise<void>

/** A route of the test server: its URL, what it received, and whether the client left early. */
export interface TestRoute {
  url: string
  requests: ReceivedRequest[]
  /** Resolves when a response closes: `true` when the client hung up before the server ended it. */
  closedEarly: Promise<boolean>
}

/** A real HTTP server on 127.0.0.1:0 that answers each path with its own handler. */
export interface ChatServer {
  route(handler: Handler): TestRoute
  close(): Promise<void>
}

export async function startChatServer(): Promise<ChatServer> {
  const routes = new Map<
    string,
    { handler: Handler; route: TestRoute; closed: (early: boolean) => void }
  >()
  const server: Server = createServer((req, res) => {
    // Component tests fetch from a happy-dom page, which is cross-origin to this server.
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-expose-headers', 'retry-after')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      })
      return void res.end()
    }
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (data: string) => (text += data))
    req.on('end', () => {
      const entry = routes.get(req.url ?? '')
      if (entry === undefined) return void res.writeHead(404).end()
      const received = { headers: req.headers, body: JSON.parse(text) as Record<string, unknown> }
      entry.route.requests.push(received)
      res.on('close', () => entry.closed(!res.writableEnded))
      void entry.handler(res, received)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  let next = 0
  return {
    route(handler) {
      const path = `/chat/${++next}`
      let closed: (early: boolean) => void = () => {}
      const closedEarly = new Promise<boolean>((resolve) => (closed = resolve))
      const route: TestRoute = { url: `${origin}${path}`, requests: [], closedEarly }
      routes.set(path, { handler, route, closed })
      return route
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** One OpenAI `chat.completion.chunk` as an SSE event. */
export function chunk(
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
): string {
  const choices = [{ index: 0, delta, finish_reason: finish }]
  const payload = {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices,
    ...extra,
  }
  return `data: ${JSON.stringify(payload)}\n\n`
}

export const usageChunk = (completion: number): string =>
  `data: ${JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [],
    usage: { prompt_tokens: 5, completion_tokens: completion, total_tokens: 5 + completion },
  })}\n\n`

export const DONE = 'data: [DONE]\n\n'

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Waits for `condition`, running typewriter frames meanwhile when a clock is given. */
export async function until(condition: () => boolean, clock?: ManualClock): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (condition()) return
    clock?.tick()
    await sleep(2)
  }
  throw new Error('timed out waiting')
}

/** Starts an event stream response. */
export function openStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.flushHeaders()
}

/** Streams `parts` as content deltas `gapMs` apart, then finishes with `finish`. */
export async function streamText(
  res: ServerResponse,
  parts: string[],
  options: { gapMs?: number; finish?: string; usage?: number } = {},
): Promise<void> {
  openStream(res)
  res.write(chunk({ role: 'assistant', content: '' }))
  for (const part of parts) {
    if (res.destroyed) return
    res.write(chunk({ content: part }))
    await sleep(options.gapMs ?? 1)
  }
  res.write(chunk({}, options.finish ?? 'stop'))
  if (options.usage !== undefined) res.write(usageChunk(options.usage))
  res.end(DONE)
}
