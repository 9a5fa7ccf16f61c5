/**
 * A fake OpenAI-compatible upstream on a real socket (127.0.0.1, ephemeral port) that speaks the exact
 * `chat.completion.chunk` SSE wire format of api.openai.com: role-only first chunk with
 * `refusal: null`, `logprobs: null`, `usage: null` on every chunk when usage was requested, a final
 * usage chunk with empty `choices`, then `data: [DONE]`.
 *
 * Each request follows a {@link ReplyScript}: content pieces and pacing, byte-by-byte delivery (multi-byte
 * characters split across writes), `finish_reason`, a mid-stream drop, an in-band error, an HTTP error
 * status with an OpenAI error body, or a hang. Every request is recorded with its body, headers and
 * the time its connection closed. Used by the relay tests, the nginx test and the benchmark.
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { completion, sleep, streamReply } from './fake-upstream-wire.js'
import type { RecordedRequest, ReplyScript } from './fake-upstream-types.js'

export type { OpenAIErrorBody, RecordedRequest, ReplyScript } from './fake-upstream-types.js'

/** A running fake upstream. */
export interface FakeUpstream {
  /** e.g. `http://127.0.0.1:PORT/v1`, as the OpenAI SDK's `baseURL`. */
  baseURL: string
  port: number
  /** Every request so far, oldest first. */
  requests: RecordedRequest[]
  /** The script for requests without a queued one. A function sees the recorded request. */
  respond(script: ReplyScript | ((request: RecordedRequest) => ReplyScript)): void
  /** Queues a script for the next request only (queued scripts are used in order). */
  respondOnce(script: ReplyScript): void
  /** Resolves with the `n`th request (0-based) once it arrived. */
  nextRequest(n?: number): Promise<RecordedRequest>
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const parts: Buffer[] = []
  for await (const part of req) parts.push(part as Buffer)
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/** Starts a fake upstream on 127.0.0.1 with an ephemeral port. */
export async function startFakeUpstream(initial: ReplyScript = {}): Promise<FakeUpstream> {
  let fallback: ReplyScript | ((request: RecordedRequest) => ReplyScript) = initial
  const queue: ReplyScript[] = []
  const requests: RecordedRequest[] = []
  const waiters: Array<() => void> = []

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let markClosed!: (at: number) => void
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: undefined,
      receivedAt: performance.now(),
      closedAt: undefined,
      closed: new Promise((resolve) => (markClosed = resolve)),
      abortedByClient: false,
      piecesWritten: 0,
    }
    res.once('close', () => {
      rec.closedAt = performance.now()
      rec.abortedByClient = !res.writableFinished
      markClosed(rec.closedAt)
    })
    rec.body = await readBody(req)
    requests.push(rec)
    for (const wake of waiters.splice(0)) wake()

    if (rec.url.endsWith('/models') && rec.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'gpt-fake', object: 'model', created: 0, owned_by: 'fake' }],
        }),
      )
      return
    }
    const script = queue.shift() ?? (typeof fallback === 'function' ? fallback(rec) : fallback)
    if (script.hang === true) return
    await sleep(script.headersDelayMs ?? 0)
    if (script.status !== undefined && script.status >= 400) {
      const error = script.error ?? {
        message: `fake error ${script.status}`,
        type: 'server_error',
        code: null,
        param: null,
      }
      res.writeHead(script.status, { 'content-type': 'application/json', ...script.headers })
      res.end(JSON.stringify({ error }))
      return
    }
    if (rec.body?.stream === true) await streamReply(rec, res, script)
    else completion(rec, res, script)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    respond(script) {
      fallback = script
    },
    respondOnce(script) {
      queue.push(script)
    },
    async nextRequest(n = 0) {
      while (requests[n] === undefined) await new Promise<void>((resolve) => waiters.push(resolve))
      return requests[n] as RecordedRequest
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
