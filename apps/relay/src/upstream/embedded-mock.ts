import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMockOpenAIHandler } from '@typewriter-chat/mock-openai'

/** Where the SDK points before the mock listens; every request is re-addressed to the mock's port. */
export const EMBEDDED_MOCK_BASE_URL = 'http://embedded-mock.invalid/v1'

/**
 * A fetch that starts the mock model at the first request, on a loopback ephemeral port, and sends
 * every request there, so the relay reaches it through the SDK exactly as it reaches a real upstream.
 * An app returned by `createRelay` has no close hook, so nothing of the mock may keep the process
 * alive: its server and its side of every connection are unref'd (the relay's side of an open
 * stream, and its client's, still are ref'd).
 */
export function embeddedMockFetch(
  fetchImpl: typeof fetch,
  options: { tokensPerSecond?: number },
): typeof fetch {
  let origin: Promise<string> | undefined
  const start = async (): Promise<string> => {
    const server = createServer(createMockOpenAIHandler(options))
    server.on('connection', (socket) => socket.unref())
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    server.unref()
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  return async (input, init) => {
    // A failed start is retried by the next request rather than remembered.
    origin ??= start().catch((error: unknown) => {
      origin = undefined
      throw error
    })
    const url = new URL(input instanceof Request ? input.url : input)
    const target = new URL(url.pathname + url.search, await origin)
    return fetchImpl(input instanceof Request ? new Request(target, input) : target, init)
  }
}
