import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleRequest } from './server/handle-request.js'
import { MOCK_MODELS } from './model/reply-plan.js'

/** Options of {@link startMockModel}. */
export interface MockModelOptions {
  /** Streaming pace, overridable per reply with `/tps N`. Default 40. `Infinity` streams unpaced. */
  tokensPerSecond?: number
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string
  /** Port to listen on. Default `0`: an ephemeral port, see {@link MockModel.baseURL}. */
  port?: number
}

/** A running mock model. Point the `openai` SDK at it with `{ apiKey, baseURL }`. */
export interface MockModel {
  /** The OpenAI-style base URL, e.g. `http://127.0.0.1:53124/v1`. */
  baseURL: string
  /** A placeholder key; the mock accepts any bearer token, but the SDK insists on one. */
  apiKey: string
  /** The model ids `GET /v1/models` lists. Any model id is accepted in requests. */
  models: string[]
  /** Stops listening and hangs up open connections (their streams stop and their timers clear). */
  close(): Promise<void>
}

const DEFAULT_TOKENS_PER_SECOND = 40

/**
 * Starts an in-process, OpenAI-compatible fake model on a real socket: `POST /v1/chat/completions`
 * (streamed in OpenAI's exact chunk wire format, or as one `chat.completion`) and `GET /v1/models`.
 * Replies are markdown answers relative to the question, deterministic per conversation, paced at
 * `tokensPerSecond`. Directives in the last user message steer a reply (see `mock/README.md`):
 *
 * - `/length N` — stop after N completion tokens with `finish_reason: "length"` (first round only)
 * - `/error STATUS [message]` — fail with that status and an OpenAI JSON error (429 has `Retry-After`)
 * - `/drop N` — destroy the connection after N content tokens
 * - `/slow MS` — wait MS milliseconds before the first token
 * - `/tps N` — stream this reply at N tokens per second
 * - `/reasoning` — stream `reasoning_content` (a thinking phase) before the answer
 * - `/long` — a long answer of 10–20 KB
 *
 * A request ending with the partial reply and a user message containing "continue" resumes that
 * reply exactly where it stopped, so a reply cut by `/length` or `max_tokens` continues seamlessly.
 */
export function startMockModel(options: MockModelOptions = {}): Promise<MockModel> {
  const tokensPerSecond = options.tokensPerSecond ?? DEFAULT_TOKENS_PER_SECOND
  if (!(tokensPerSecond > 0)) {
    return Promise.reject(
      new RangeError(`tokensPerSecond must be positive, got ${tokensPerSecond}`),
    )
  }
  const server = createServer((req, res) => void handleRequest(req, res, tokensPerSecond))
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      const { address, port } = server.address() as AddressInfo
      resolve({
        baseURL: `http://${urlHost(address)}:${port}/v1`,
        apiKey: 'mock-key-not-secret',
        models: [...MOCK_MODELS],
        close: () =>
          new Promise((done, fail) => {
            server.close((error) => (error ? fail(error) : done()))
            server.closeAllConnections()
          }),
      })
    })
  })
}

/** A host for a URL: wildcard addresses are reached through loopback, IPv6 needs brackets. */
function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1'
  if (address === '::') return '[::1]'
  return address.includes(':') ? `[${address}]` : address
}
