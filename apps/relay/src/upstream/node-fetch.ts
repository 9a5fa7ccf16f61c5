import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** Statuses whose Response must have a null body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])
const REDIRECT = new Set([301, 302, 303, 307, 308])
/** Errors after the answer arrived also destroy its body, where the reader sees them. */
const ignore = (): void => {}

/**
 * A fetch `Response` that also exposes the Node message it was made from, so the relay's hot path
 * reads the body with plain `data` events: web streams cost the relay about twice as much CPU per
 * chunk as `node:http` does. The relay's streamed replies never touch the web body, so it is not
 * built up front (a `ReadableStream`, its controller and a second body per reply, most of them never
 * read): the response is made without one, and whoever reads `body` or calls `text()`, `json()`...
 * (the SDK's error path, `models.list()`) reads a web response built from the message on first use.
 * Both never compete for the bytes: nothing reads the message's web body unless asked.
 */
export class NodeResponse extends Response {
  readonly message: IncomingMessage
  #web: Response | undefined

  constructor(message: IncomingMessage, init: ResponseInit) {
    super(null, init)
    this.message = message
  }

  /** The same response with a web body over the message, built once, on first use. */
  web(): Response {
    this.#web ??= new Response(NULL_BODY.has(this.status) ? null : webBody(this.message), {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    })
    return this.#web
  }
}

// The body members are accessors and methods on `Response.prototype` (the types declare them as
// fields, so a class cannot override them): each one reads the web response built on first use.
const bodyMembers: PropertyDescriptorMap = {
  body: {
    get(this: NodeResponse) {
      return this.web().body
    },
  },
  bodyUsed: {
    get(this: NodeResponse) {
      return this.web().bodyUsed
    },
  },
}
for (const name of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text', 'clone']) {
  bodyMembers[name] = {
    value(this: NodeResponse) {
      return (this.web() as unknown as Record<string, () => unknown>)[name]?.()
    },
  }
}
Object.defineProperties(NodeResponse.prototype, bodyMembers)

function webBody(message: IncomingMessage): ReadableStream<Uint8Array> {
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
          // The request lives as long as its connection; its `error` listener must not keep the
          // settled promise, and with it this response and its headers, alive for the whole reply.
          req.off('error', reject).on('error', ignore)
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
