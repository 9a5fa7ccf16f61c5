import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** Statuses whose Response must have a null body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])
const REDIRECT = new Set([301, 302, 303, 307, 308])

/**
 * A fetch `Response` that also exposes the Node message it was made from, so the relay's hot path
 * reads the body with plain `data` events: web streams cost the relay about twice as much CPU per
 * chunk as `node:http` does. Everyone else (the SDK's error path, `models.list()`) reads `body` as
 * usual; it is wired to the message only when first read, so both never compete for the bytes.
 */
export class NodeResponse extends Response {
  constructor(
    readonly message: IncomingMessage,
    init: ResponseInit,
  ) {
    super(NULL_BODY.has(message.statusCode ?? 0) ? null : lazyWebBody(message), init)
  }
}

function lazyWebBody(message: IncomingMessage): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Buffer> | undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= message[Symbol.asyncIterator]() as AsyncIterator<Buffer>
        const { value, done } = await iterator.next()
        if (done === true) controller.close()
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
      },
      cancel: () => void message.destroy(),
    },
    // No read-ahead: nothing touches the message until someone actually reads `body`.
    { highWaterMark: 0 },
  )
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers()
  const raw = message.rawHeaders
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '')
  return headers
}

/** The SDK passes a `Headers`: read it as it is instead of copying it into another one first. */
function toNodeHeaders(init: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' }
  const source = init instanceof Headers ? init : new Headers(init)
  source.forEach((value, name) => (headers[name] = value))
  return headers
}

/**
 * A `fetch` for the openai SDK over `node:http(s)` with keep-alive agents. It covers what the SDK
 * sends (a string or byte body, an abort signal); other requests and redirects go to the platform's
 * `fetch`, which implements those by the spec. It asks for an uncompressed answer (a token stream
 * gains nothing from compression) and refuses a compressed one rather than sending the request
 * again, which could start a second billed generation.
 */
export function createNodeFetch(): typeof fetch {
  // Every idle connection is kept (the default keeps 256): after a burst of N streams the next
  // burst reuses N connections instead of paying N handshakes (TLS ones, for a real upstream). The
  // pool never exceeds the peak concurrency; idle connections last until the upstream closes them.
  const pool = { keepAlive: true, maxFreeSockets: Infinity }
  const agents = { 'http:': new HttpAgent(pool), 'https:': new HttpsAgent(pool) }
  const nodeFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const body = init.body
    const url = new URL(input instanceof Request ? input.url : input)
    const simple =
      !(input instanceof Request) &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      (body == null || typeof body === 'string' || body instanceof Uint8Array)
    if (!simple) return fetch(input, init)
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const req = send(
        url,
        {
          agent: agents[url.protocol as 'http:' | 'https:'],
          method: init.method ?? 'GET',
          headers: toNodeHeaders(init.headers),
          ...(init.signal != null && { signal: init.signal }),
        },
        (message) => {
          const status = message.statusCode ?? 0
          const encoding = message.headers['content-encoding']
          if (encoding !== undefined && encoding !== 'identity') {
            message.destroy()
            reject(new Error(`The upstream answered with content-encoding ${encoding}.`))
            return
          }
          if (REDIRECT.has(status) && message.headers.location !== undefined) {
            message.destroy()
            resolve(fetch(input, init))
            return
          }
          resolve(
            new NodeResponse(message, {
              status,
              statusText: message.statusMessage ?? '',
              headers: toHeaders(message),
            }),
          )
        },
      )
      req.on('error', reject)
      req.end(body ?? undefined)
    })
  }
  return nodeFetch as typeof fetch
}
