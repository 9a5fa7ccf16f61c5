import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI, MockPlan, MockRequest, MockScript } from '@typewriter-chat/mock-openai'
import { afterEach } from 'vitest'

/** A bearer token for the kit to send: the mock answers chat requests without one with a 401. */
export const AUTH = { authorization: 'Bearer sk-kit-test' }

/** A scripted reply on a mock OpenAI server of its own, so a test can point the kit at another. */
export interface MockReply {
  /** The chat completions URL, the kit's `endpoint`. */
  url: string
  mock: MockOpenAI
  /** The chat requests received so far, oldest first (a page's CORS preflights left out). */
  readonly requests: MockRequest[]
  /** Resolves once the first chat response is over: `true` when the kit hung up before its end. */
  closedEarly(): Promise<boolean>
}

/** Starts a mock server per reply for the test file's tests; each closes after its test. */
export function useMockReplies(): (script: MockPlan | MockScript) => Promise<MockReply> {
  const running: MockOpenAI[] = []
  afterEach(() => Promise.all(running.splice(0).map((mock) => mock.close())))
  return async (script) => {
    const mock = await startMockOpenAI({ script })
    running.push(mock)
    const chats = () => mock.requests.filter((request) => request.method === 'POST')
    return {
      url: `${mock.url}/chat/completions`,
      mock,
      get requests() {
        return chats()
      },
      async closedEarly() {
        let request: MockRequest
        for (let n = 0; (request = await mock.nextRequest(n)).method !== 'POST'; n++);
        await request.closed
        return request.abortedByClient
      },
    }
  }
}

/** A reply that goes on until the client hangs up: `piece(i)` every `delayMs`. */
export function endless(piece: (i: number) => string = (i) => `w${i} `, delayMs = 4): MockPlan {
  return { chunks: Array.from({ length: 4000 }, (_, i) => piece(i)), delayMs }
}

/** An HTTP error with OpenAI's error body, as the kit's error tests expect it. */
export function failWith(
  status: number,
  message = `failed ${status}`,
  headers: Record<string, string> = {},
): MockPlan {
  return { status, headers, error: { message, type: 'test_error', code: null, param: null } }
}
