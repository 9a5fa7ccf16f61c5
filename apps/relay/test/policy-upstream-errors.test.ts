import { afterEach, describe, expect, it } from 'vitest'
import { UPSTREAM_KEY, assertNoKey, chatBody, post, readSSE, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

interface ErrorBody {
  error: { message: string; type: string; code: string; param: string | null }
}

const HTML_PAGE = `<html><head><title>502 Bad Gateway</title></head><body>
<h1>Bad Gateway</h1><p>upstream 10.0.3.17:8000 failed at /srv/llm/gateway/handler.py line 88
Traceback (most recent call last): File "/srv/llm/app.py" key=${UPSTREAM_KEY}</p>
${'<p>padding</p>\n'.repeat(500)}</body></html>`

/** What a client must never see of an upstream's error text. */
function assertNothingEchoed(text: string): void {
  for (const leak of ['<html', '10.0.3.17', '/srv/llm', 'Traceback', 'padding']) {
    expect(text).not.toContain(leak)
  }
  assertNoKey(text)
}

describe('upstream error text stays in the log', () => {
  it('an HTML error page: the client gets status and a short message; the log, the page redacted and cut', async () => {
    relay = await startTestRelay({}, { status: 502, contentType: 'text/html', raw: [HTML_PAGE] })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    expect(response.status).toBe(502)
    const text = await response.text()
    assertNothingEchoed(text)
    const { error } = JSON.parse(text) as ErrorBody
    expect(error).toMatchObject({ code: 'upstream_error', type: 'upstream_error' })
    expect(error.message).toBe('The upstream failed (502).')
    const log = relay.logger.errors.join('\n')
    expect(log).toContain('10.0.3.17:8000')
    assertNoKey(log)
    expect(relay.logger.errors.every((line) => !line.includes('\n'))).toBe(true)
    expect(log.length).toBeLessThan(1200)
  })

  it('a 4xx keeps status, code and param, not the upstream text', async () => {
    relay = await startTestRelay(
      {},
      {
        status: 400,
        error: {
          message: 'Invalid value at /opt/internal/schema.json (cluster eu-west-7b)',
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
          param: 'messages',
        },
      },
    )
    const response = await post(`${relay.url}/v1/chat/completions`, chatBody())
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as ErrorBody
    expect(error).toEqual({
      message: 'The upstream refused the request (400, context_length_exceeded) at messages.',
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
      param: 'messages',
    })
    expect(relay.logger.errors.join('\n')).toContain('/opt/internal/schema.json')
  })

  it('an upstream code that is not an identifier is not passed on', async () => {
    relay = await startTestRelay(
      {},
      { status: 500, error: { message: 'x', code: '<script>alert(1)</script>', type: 'a b c' } },
    )
    const response = await post(`${relay.url}/api/chat`, chatBody())
    expect(response.status).toBe(502)
    const { error } = (await response.json()) as ErrorBody
    expect(error).toMatchObject({ code: 'upstream_error', type: 'upstream_error' })
    expect(JSON.stringify(error)).not.toContain('script')
  })

  it('an in-band error mid-stream: a generic event, the text in the log', async () => {
    relay = await startTestRelay(
      {},
      {
        chunks: ['a', 'b'],
        errorAfter: {
          chunks: 1,
          error: { message: 'worker 10.0.3.17 died\nFAKE LOG LINE', type: 'server_error' },
        },
      },
    )
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    const last = events.at(-1)?.data ?? ''
    assertNothingEchoed(last)
    expect(JSON.parse(last)).toMatchObject({
      error: { message: 'The upstream reported an error in the middle of the reply.' },
    })
    expect(relay.logger.errors.join('\n')).toContain('worker 10.0.3.17 died FAKE LOG LINE')
  })

  it('an upstream that sends something unreadable is logged, not only answered', async () => {
    relay = await startTestRelay({ continuation: { enabled: false } }, { raw: ['data: {nope\n\n'] })
    const { events } = await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toMatchObject({
      error: { type: 'upstream_error' },
    })
    expect(relay.logger.errors).toHaveLength(1)
  })
})
