import { request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type OpenAI from 'openai'
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions'
import { VERSION } from 'openai/version'
import { NodeResponse, toHeaders } from './node-fetch.js'
import type { KeepAliveAgents } from './node-fetch.js'

/**
 * Sends one streamed chat completion request and resolves with the answer's body once the upstream
 * accepted it. A refusal rejects with the SDK's `APIError` for its status, a connection failure with
 * `APIConnectionError` (`APIConnectionTimeoutError` when it timed out), an abort with
 * `APIUserAbortError`: the errors the relay maps for its clients, whichever way the request went.
 */
export type OpenChatStream = (
  params: ChatCompletionCreateParamsStreaming,
  signal: AbortSignal,
) => Promise<Readable>

/** The response body as a Node stream: the message itself when our fetch made the response. */
function nodeBody(response: Response): Readable {
  if (response instanceof NodeResponse) return response.message
  if (response.body === null) return Readable.from([])
  return Readable.fromWeb(response.body as NodeWebStream<Uint8Array>)
}

/** Through the SDK: any client, with its retries, middleware and fetch. */
export function sdkChatStream(client: OpenAI): OpenChatStream {
  return async (params, signal) => {
    // The raw response: the SDK's own SSE parser costs more than ours (see docs/benchmarks.md).
    const response = await client.chat.completions.create(params, { signal }).asResponse()
    return nodeBody(response)
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308])
const TIMED_OUT = /timed? ?out/i

/** What the SDK throws when its fetch rejects (it reads "timed out" in the error as a timeout). */
function connectionError(cause: unknown, signal: AbortSignal): APIError {
  if (signal.aborted) return new APIUserAbortError()
  const text = cause instanceof Error ? `${String(cause)}${String(cause.cause)}` : String(cause)
  return TIMED_OUT.test(text)
    ? new APIConnectionTimeoutError()
    : new APIConnectionError({ cause: cause as Error })
}

/** The SDK's error for a non-2xx answer, from its body (JSON or text) and headers. */
function statusError(message: IncomingMessage, text: string): APIError {
  let json: object | undefined
  try {
    json = JSON.parse(text) as object
  } catch {
    json = undefined
  }
  const status = message.statusCode ?? 0
  return APIError.generate(status, json, json === undefined ? text : undefined, toHeaders(message))
}

/**
 * Straight over `node:http(s)`, for a client the relay made itself (an API key, no retries): the
 * same request the SDK sends (URL, key, organization and project from the client), without its
 * per-request machinery. The SDK builds each request from scratch (options copies, three header
 * merges, a debug log record built even when logging is off, a `Response` with a `Headers` copy, two
 * abort controllers): about 45 KB of allocations and a sixth of the relay's CPU per request, which a
 * burst of new streams pays all at once. Redirects still go through the SDK (its fetch follows them).
 */
export function directChatStream(
  client: OpenAI & { apiKey: string },
  agents: KeepAliveAgents,
): OpenChatStream {
  const base = client.baseURL
  const url = new URL(`${base}${base.endsWith('/') ? '' : '/'}chat/completions`)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:']
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    // A token stream gains nothing from compression (see createNodeFetch).
    'accept-encoding': 'identity',
    'user-agent': `OpenAI/JS ${VERSION}`,
    authorization: `Bearer ${client.apiKey}`,
    ...(client.organization != null && { 'openai-organization': client.organization }),
    ...(client.project != null && { 'openai-project': client.project }),
  }
  const viaSdk = sdkChatStream(client)

  return (params, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(new APIUserAbortError())
        return
      }
      const body = JSON.stringify(params)
      const req = send(url, {
        agent,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      })
      // Only until the answer: afterwards the reader cancels by destroying the body.
      const onAbort = (): void => void req.destroy(signal.reason as Error)
      const onError = (error: unknown): void => {
        signal.removeEventListener('abort', onAbort)
        reject(connectionError(error, signal))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      req.on('error', onError)
      // `once`: the request lives as long as the reply, and so would this closure and its request.
      req.once('response', (message) => {
        signal.removeEventListener('abort', onAbort)
        // Errors after the answer arrived also destroy its body, where the reader sees them.
        req.off('error', onError).on('error', () => {})
        const status = message.statusCode ?? 0
        const encoding = message.headers['content-encoding']
        if (encoding !== undefined && encoding !== 'identity') {
          message.destroy()
          const cause = new Error(`The upstream answered with content-encoding ${encoding}.`)
          reject(new APIConnectionError({ cause }))
        } else if (status >= 200 && status < 300) {
          resolve(message)
        } else if (REDIRECT.has(status) && message.headers.location !== undefined) {
          message.destroy()
          resolve(viaSdk(params, signal))
        } else {
          readText(message).then(
            (text) => reject(statusError(message, text)),
            (error: unknown) => reject(connectionError(error, signal)),
          )
        }
      })
      req.end(body)
    })
}

async function readText(message: IncomingMessage): Promise<string> {
  message.setEncoding('utf8')
  let text = ''
  for await (const part of message) text += part as string
  return text
}
