import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { MockOpenAIOptions } from './mock-openai-options.js'
import { createMockOpenAIHandler } from './server/create-mock-openai-handler.js'
import { withControl, type MockControl } from './server/mock-control.js'

/** A running mock. Point the `openai` SDK at it with `{ apiKey, baseURL: url }`. */
export interface MockOpenAI extends MockControl {
  /** e.g. `http://127.0.0.1:PORT/v1`: the OpenAI SDK's `baseURL`. */
  url: string
  port: number
  /** A placeholder key: the mock accepts any bearer token, but the SDK insists on one. */
  apiKey: string
  /** Stops listening and hangs up open connections. */
  close(): Promise<void>
}

/**
 * Starts the fake OpenAI server on a real socket (default 127.0.0.1, ephemeral port):
 * `POST /v1/chat/completions` (streamed in OpenAI's exact chunk format, or one `chat.completion`),
 * `GET /v1/models`. The mock model answers with deterministic markdown, steered by directives in the
 * prompt; a scripted plan replaces it for tests.
 */
export async function startMockOpenAI(options: MockOpenAIOptions = {}): Promise<MockOpenAI> {
  const handler = createMockOpenAIHandler(options)
  const server = createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { address, port } = server.address() as AddressInfo
  return withControl(
    {
      url: `http://${urlHost(address)}:${port}/v1`,
      port,
      apiKey: 'mock-key-not-secret',
      close: () =>
        new Promise<void>((done, fail) => {
          server.close((error) => (error ? fail(error) : done()))
          handler.closeAll()
          server.closeAllConnections()
        }),
    },
    handler,
  )
}

/** A host for a URL: wildcard addresses are reached through loopback, IPv6 needs brackets. */
function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1'
  if (address === '::') return '[::1]'
  return address.includes(':') ? `[${address}]` : address
}
