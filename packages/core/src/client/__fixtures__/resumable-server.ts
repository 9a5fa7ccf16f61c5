// Test helper: a server with the relay's resume endpoints (docs/protocol.md, "Resuming and stopping
// a reply"), reduced to what the client sees, so core's tests can cut its connections anywhere
// without depending on the relay. @typewriter-chat/mock-openai has no stream endpoints: resuming
// is the relay's job, and the e2e suite proves the client against the real one.
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { encodeSSE } from '../../sse/encode-sse.js'

/**
 * What one connection does after sending `events` whole events and the first `bytes` bytes of the
 * next: `drop` destroys the socket (a network error), `end` ends the response cleanly (a proxy
 * that closed it), `hold` keeps it open and silent.
 */
export interface Cut {
  events: number
  bytes?: number
  how: 'drop' | 'end' | 'hold'
}

export interface ResumableServerOptions {
  /** The `data:` payloads of the one generation, with ids 1, 2, 3… (`[DONE]` included if wanted). */
  payloads: readonly string[]
  /** The fate of each successive stream connection (the POST, then each resume): the rest run whole. */
  cuts?: readonly (Cut | undefined)[]
  /** Statuses of the successive resumes (an error gets the relay's 404/5xx body); default 200. */
  resumeStatuses?: readonly number[]
  /** The generation's id in `X-Stream-Id`; `null`: a plain server that names none. */
  id?: string | null
}

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
}

export interface ResumableServer {
  /** The chat endpoint, `…/api/chat`. */
  url: string
  readonly requests: readonly RecordedRequest[]
  /** Resolves once `count` stream connections were cut by the server. */
  cutsDone(count: number): Promise<void>
  close(): Promise<void>
}

const ERRORS: Record<number, { message: string; type: string; code: string }> = {
  404: { message: 'No such stream.', type: 'invalid_request_error', code: 'stream_not_found' },
  503: { message: 'Unavailable.', type: 'server_error', code: 'unavailable' },
}

export async function startResumableServer(
  options: ResumableServerOptions,
): Promise<ResumableServer> {
  const id = options.id === undefined ? 'gen-1' : options.id
  const frames = options.payloads.map((data, i) => encodeSSE({ id: String(i + 1), data }))
  const requests: RecordedRequest[] = []
  let connections = 0
  let resumes = 0
  let cuts = 0
  let cutWaiters: (() => void)[] = []

  const markCut = (): void => {
    cuts++
    for (const wake of cutWaiters.splice(0)) wake()
  }

  const stream = (res: ServerResponse, after: number): void => {
    const cut = options.cuts?.[connections++]
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      ...(id === null ? {} : { 'x-stream-id': id }),
    })
    const rest = frames.slice(after)
    if (cut === undefined) {
      res.end(rest.join(''))
      return
    }
    const partial = Buffer.from(rest[cut.events] ?? '').subarray(0, cut.bytes ?? 0)
    const sent = Buffer.concat([Buffer.from(rest.slice(0, cut.events).join('')), partial])
    // The cut comes once the bytes before it are on the wire, so the client reads them all first.
    res.write(sent, () => {
      if (cut.how === 'hold') return
      markCut()
      if (cut.how === 'end') res.end()
      else res.socket?.destroy()
    })
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://test').pathname
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers })
    req.resume()
    const resume = /^\/api\/chat\/streams\/([^/]+)$/.exec(path)
    if (req.method === 'POST' && path === '/api/chat') return stream(res, 0)
    if (req.method === 'POST' && path.endsWith('/stop')) {
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"stopped":true}')
      return
    }
    if (req.method === 'GET' && resume !== null) {
      const status = options.resumeStatuses?.[resumes++] ?? 200
      if (status === 200 && decodeURIComponent(resume[1] ?? '') === id) {
        return stream(res, Number(req.headers['last-event-id'] ?? 0))
      }
      const error = ERRORS[status] ?? ERRORS[404]
      res.writeHead(status === 200 ? 404 : status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { ...error, param: null } }))
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/api/chat`,
    requests,
    async cutsDone(count) {
      while (cuts < count) await new Promise<void>((wake) => cutWaiters.push(wake))
    },
    async close() {
      cutWaiters = []
      const closed = new Promise((resolve) => server.close(resolve))
      server.closeAllConnections()
      await closed
    },
  }
}
