import { afterEach, describe, expect, it } from 'vitest'
import {
  UPSTREAM_KEY,
  assertNoKey,
  chatBody,
  contentOf,
  headerText,
  post,
  readSSE,
  startTestRelay,
  CONTINUATION_MODES,
} from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

interface ErrorBody {
  error: { message: string; type: string; code: string; param: string | null; status?: number }
}

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  const text = await response.text()
  assertNoKey(text + headerText(response))
  return (JSON.parse(text) as ErrorBody).error
}

for (const [mode, config] of CONTINUATION_MODES)
  describe(`upstream errors before the stream starts keep their meaning (${mode})`, () => {
    it('401: says the relay key is wrong without echoing the upstream message that quotes it', async () => {
      relay = await startTestRelay(config)
      relay.upstream.script({
        status: 401,
        error: {
          message: `Incorrect API key provided: ${UPSTREAM_KEY}. You can find your API key at ...`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
          param: null,
        },
      })
      for (const path of ['/api/chat', '/v1/chat/completions']) {
        const response = await post(relay.url + path, chatBody())
        expect(response.status).toBe(401)
        const error = await errorOf(response)
        expect(error.code).toBe('upstream_auth_failed')
        expect(error.message).toMatch(/upstream API key/)
      }
    })

    it('403: same status, forbidden message', async () => {
      relay = await startTestRelay(config, { status: 403 })
      const response = await post(`${relay.url}/api/chat`, chatBody())
      expect(response.status).toBe(403)
      expect((await errorOf(response)).code).toBe('upstream_forbidden')
    })

    it('429: passes the status, the code and Retry-After through', async () => {
      relay = await startTestRelay(
        {},
        {
          status: 429,
          headers: { 'retry-after': '7' },
          error: {
            message: 'Rate limit reached for requests',
            type: 'requests',
            code: 'rate_limit_exceeded',
            param: null,
          },
        },
      )
      const response = await post(`${relay.url}/api/chat`, chatBody())
      expect(response.status).toBe(429)
      expect(response.headers.get('retry-after')).toBe('7')
      const error = await errorOf(response)
      expect(error.code).toBe('rate_limit_exceeded')
      expect(error.message).toBe(
        "The upstream is limiting this relay's requests (429, rate_limit_exceeded). Try again later.",
      )
      expect(relay.logger.errors.join('\n')).toContain('Rate limit reached for requests')
    })

    it('5xx: answers 502 with a generic message and the upstream status; the upstream message goes to the log, redacted', async () => {
      relay = await startTestRelay(
        {},
        {
          status: 503,
          error: {
            message: 'Overloaded (key sk-proj-abcdef123456 unusable)',
            type: 'server_error',
            code: null,
            param: null,
          },
        },
      )
      const response = await post(`${relay.url}/api/chat`, chatBody())
      expect(response.status).toBe(502)
      const error = await errorOf(response)
      expect(error.message).toBe('The upstream failed (503).')
      // The upstream's own status, for a client to report what the model service said.
      expect(error.status).toBe(503)
      const log = relay.logger.errors.join('\n')
      expect(log).toContain('Overloaded')
      expect(log).not.toContain('sk-proj-abcdef123456')
    })

    it('other 4xx from the upstream (bad parameter) keep status, code and param', async () => {
      relay = await startTestRelay(
        {},
        {
          status: 400,
          error: {
            message: 'max_tokens is too large',
            type: 'invalid_request_error',
            code: 'invalid_value',
            param: 'max_tokens',
          },
        },
      )
      const response = await post(`${relay.url}/api/chat`, chatBody())
      expect(response.status).toBe(400)
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_value', param: 'max_tokens' })
    })

    it('an unreachable upstream is a 502', async () => {
      relay = await startTestRelay({
        ...config,
        upstream: { apiKey: UPSTREAM_KEY, baseURL: 'http://127.0.0.1:9/v1' },
      })
      const response = await post(`${relay.url}/api/chat`, chatBody())
      expect(response.status).toBe(502)
      expect((await errorOf(response)).code).toBe('upstream_unreachable')
    })

    it('an upstream that never answers is a 504 after the first-byte timeout, and is hung up on', async () => {
      relay = await startTestRelay({ ...config, timeouts: { firstByteMs: 300 } }, { hang: true })
      const started = performance.now()
      const response = await post(`${relay.url}/api/chat`, chatBody())
      expect(response.status).toBe(504)
      expect((await errorOf(response)).code).toBe('upstream_timeout')
      expect(performance.now() - started).toBeLessThan(2000)
      const upstreamRequest = await relay.upstream.nextRequest()
      await upstreamRequest.closed
      expect(upstreamRequest.abortedByClient).toBe(true)
    })
  })

describe('errors after the stream started', () => {
  async function streamedError(relayUrl: string) {
    const response = await post(`${relayUrl}/api/chat`, chatBody({ continuation: false }))
    expect(response.status).toBe(200)
    const { events, raw } = await readSSE(response)
    assertNoKey(raw)
    const last = events.at(-1)
    expect(events.some((e) => e.data === '[DONE]')).toBe(false)
    return { events, error: (JSON.parse(last?.data ?? '{}') as ErrorBody).error }
  }

  it('a mid-stream drop is one error event, then the end, without [DONE]', async () => {
    relay = await startTestRelay({}, { chunks: ['one', ' two', ' three'], dropAfter: 2 })
    const { events, error } = await streamedError(relay.url)
    expect(contentOf(events.slice(0, -1))).toBe('one two')
    expect(error.type).toBe('upstream_error')
    expect(typeof error.message).toBe('string')
  })

  it('a clean end without finish_reason is reported as incomplete', async () => {
    relay = await startTestRelay({}, { chunks: ['partial', 'never'], endAfter: 1 })
    const { events, error } = await streamedError(relay.url)
    expect(contentOf(events.slice(0, -1))).toBe('partial')
    expect(error.code).toBe('upstream_incomplete')
  })

  it('an in-band upstream error is relayed as the error event; its text goes to the log, redacted', async () => {
    relay = await startTestRelay(
      {},
      {
        chunks: ['a', 'b'],
        errorAfter: {
          chunks: 1,
          error: {
            message: `The server had an error (${UPSTREAM_KEY})`,
            type: 'server_error',
            code: 'server_error',
            param: null,
          },
        },
      },
    )
    const { error } = await streamedError(relay.url)
    expect(error).toMatchObject({ code: 'server_error', type: 'server_error' })
    expect(error.message).not.toContain('The server had an error')
    const log = relay.logger.errors.join('\n')
    expect(log).toContain('The server had an error ([redacted])')
    assertNoKey(log)
  })

  it('an upstream that goes silent mid-reply gets an idle-timeout error event', async () => {
    relay = await startTestRelay(
      { timeouts: { idleMs: 200 } },
      { chunks: ['a', 'b'], delayMs: 2000 },
    )
    const { error } = await streamedError(relay.url)
    expect(error.code).toBe('upstream_timeout')
    const upstreamRequest = await relay.upstream.nextRequest()
    await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
  })
})
