import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { useRelayOnMock } from './relay-on-mock.js'

const relay = useRelayOnMock({ tokensPerSecond: Infinity })

const clientOf = (url: string, apiKey = 'unused') =>
  new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 })

const post = (url: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

/** The `event:` names and parsed data of a Responses event stream. */
function eventsOf(text: string): { event: string | undefined; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as Record<string, unknown>,
    }))
}

describe('POST /v1/responses', () => {
  it('relays the upstream events, each with its event: line, and sends the upstream only known fields', async () => {
    const url = await relay.start()
    const response = await post(url, {
      model: 'mock-chat',
      input: 'Tell me about Vue',
      stream: true,
      user: 'someone',
      metadata: { a: 'b' },
      background: true,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    const events = eventsOf(await response.text())
    expect(events.every(({ event, data }) => event === data['type'])).toBe(true)
    expect(events[0]?.event).toBe('response.created')
    expect(events.at(-1)?.event).toBe('response.completed')
    const sent = (await relay.upstream.nextRequest(0)).body ?? {}
    expect(sent).toMatchObject({ model: 'mock-chat', input: 'Tell me about Vue', stream: true })
    expect(Object.keys(sent)).not.toContain('user')
    expect(Object.keys(sent)).not.toContain('metadata')
    expect(Object.keys(sent)).not.toContain('background')
  })

  it('keeps a reply cut at max_output_tokens incomplete: never continued on /v1', async () => {
    const url = await relay.start()
    const before = relay.upstream.requests.length
    const response = await clientOf(url).responses.create({
      model: 'mock-chat',
      input: 'Tell me about Vue',
      max_output_tokens: 12,
    })
    expect(response.status).toBe('incomplete')
    expect(response.usage?.output_tokens).toBe(12)
    expect(relay.upstream.requests).toHaveLength(before + 1)
  })

  it('applies the model allow-list, the output-token limit and the image URL policy', async () => {
    const url = await relay.start({
      allowedModels: ['mock-chat'],
      limits: { maxOutputTokens: 100 },
    })
    const before = relay.upstream.requests.length
    const model = await post(url, { model: 'gpt-secret', input: 'hi' })
    expect(model.status).toBe(404)
    expect(await model.json()).toMatchObject({ error: { code: 'model_not_found', param: 'model' } })
    const tokens = await post(url, { model: 'mock-chat', input: 'hi', max_output_tokens: 101 })
    expect(tokens.status).toBe(400)
    expect(await tokens.json()).toMatchObject({ error: { param: 'max_output_tokens' } })
    const image = await post(url, {
      input: [
        {
          role: 'user',
          content: [{ type: 'input_image', image_url: 'http://127.0.0.1/secret.png' }],
        },
      ],
    })
    expect(image.status).toBe(400)
    expect(await image.json()).toMatchObject({
      error: { param: 'input[0].content[0].image_url' },
    })
    expect(relay.upstream.requests).toHaveLength(before)
  })

  it('asks for the bearer token and counts requests against the rate limit', async () => {
    const url = await relay.start({ token: 'secret-token', rateLimitPerMinute: 1 })
    expect((await post(url, { input: 'hi' })).status).toBe(401)
    const limited = await post(url, { input: 'hi' }, { authorization: 'Bearer secret-token' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).not.toBeNull()
  })

  it('says plainly when the upstream has no Responses API, without waiting', async () => {
    const url = await relay.start()
    relay.upstream.script({
      status: 404,
      error: { message: 'Invalid URL (POST /v1/responses)', code: null },
    })
    const response = await post(url, { input: 'hi', stream: true })
    expect(response.status).toBe(501)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('responses_unsupported')
    expect(body.error.message).toMatch(/\/v1\/chat\/completions/)
    const whole = await post(url, { input: 'hi' })
    expect(whole.status).toBe(501)
  })

  it('ends a stream the upstream breaks with an error event in OpenAI’s shape', async () => {
    const url = await relay.start()
    relay.upstream.scriptOnce({ chunks: ['Hel', 'lo'], endAfter: 1 })
    const events = eventsOf(await (await post(url, { input: 'hi', stream: true })).text())
    const last = events.at(-1)
    expect(last?.event).toBe('error')
    expect(last?.data).toMatchObject({ type: 'error', code: 'upstream_incomplete', param: null })
    const before = events.at(-2)?.data['sequence_number'] as number
    expect(last?.data['sequence_number']).toBe(before + 1)
    relay.upstream.scriptOnce({
      chunks: ['Hel', 'lo'],
      errorAfter: { chunks: 1, error: { message: 'boom', code: 'server_overloaded' } },
    })
    const failed = await post(url, { input: 'hi' })
    expect(failed.status).toBe(502)
    expect(await failed.json()).toMatchObject({ error: { code: 'server_overloaded' } })
  })

  it('pings a silent stream and cancels the upstream call when the client hangs up', async () => {
    const url = await relay.start({ heartbeatMs: 40 })
    relay.upstream.scriptOnce({ chunks: ['a', 'b', 'c'], firstChunkDelayMs: 300, delayMs: 5000 })
    const before = relay.upstream.requests.length
    const response = await post(url, { input: 'hi', stream: true })
    const reader = response.body!.getReader()
    let text = ''
    while (!text.includes('response.output_text.delta')) {
      const { value } = await reader.read()
      text += new TextDecoder().decode(value)
    }
    expect(text).toContain(': ping')
    await reader.cancel()
    const upstream = await relay.upstream.nextRequest(before)
    await upstream.closed
    expect(upstream.abortedByClient).toBe(true)
  })
})
