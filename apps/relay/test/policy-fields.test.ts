import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config/load-config.js'
import { chatBody, post, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

interface ErrorBody {
  error: { code: string; message: string; param: string | null }
}

/** Fields a client may send that must never reach the upstream. */
const NEVER_FORWARDED = {
  store: true,
  service_tier: 'priority',
  modalities: ['text', 'audio'],
  audio: { voice: 'alloy', format: 'mp3' },
  prediction: { type: 'content', content: 'x' },
  metadata: { app: 'test' },
  user: 'alice@example.com',
  web_search_options: {},
  surprise: 1,
}

describe('what reaches the upstream', () => {
  it('/v1 forwards the allowed OpenAI parameters as given', async () => {
    relay = await startTestRelay()
    const allowed = {
      temperature: 0.5,
      top_p: 0.9,
      stop: ['END'],
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: -0.1,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      response_format: { type: 'json_object' },
      logprobs: true,
      top_logprobs: 2,
      logit_bias: { '50256': -100 },
      n: 1,
      max_completion_tokens: 100,
    }
    const response = await post(`${relay.url}/v1/chat/completions`, chatBody(allowed))
    expect(response.status).toBe(200)
    await response.text()
    expect((await relay.upstream.nextRequest()).body).toMatchObject(allowed)
  })

  it.each(['/v1/chat/completions', '/api/chat'])(
    '%s drops user, store, service_tier, modalities, audio, prediction and unknown fields',
    async (path) => {
      relay = await startTestRelay()
      const response = await post(`${relay.url}${path}`, chatBody(NEVER_FORWARDED))
      expect(response.status).toBe(200)
      await response.text()
      const { body } = await relay.upstream.nextRequest()
      for (const field of Object.keys(NEVER_FORWARDED)) expect(body).not.toHaveProperty(field)
    },
  )
})

describe('cost limits', () => {
  it('refuses n above RELAY_MAX_N (default 1) with a 400 naming n', async () => {
    relay = await startTestRelay()
    const response = await post(`${relay.url}/v1/chat/completions`, chatBody({ n: 128 }))
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as ErrorBody
    expect(error).toMatchObject({ code: 'invalid_request', param: 'n' })
    expect(error.message).toContain('at most 1')
    expect(relay.upstream.requests).toHaveLength(0)
  })

  it('takes n up to the configured limit', async () => {
    relay = await startTestRelay({ limits: { maxN: 3 } })
    const ok = await post(`${relay.url}/v1/chat/completions`, chatBody({ n: 3 }))
    expect(ok.status).toBe(200)
    await ok.text()
    expect((await relay.upstream.nextRequest()).body).toMatchObject({ n: 3 })
    const over = await post(`${relay.url}/v1/chat/completions`, chatBody({ n: 4 }))
    expect(over.status).toBe(400)
  })

  it.each([
    ['/api/chat', 'max_tokens'],
    ['/api/chat', 'max_completion_tokens'],
    ['/v1/chat/completions', 'max_tokens'],
    ['/v1/chat/completions', 'max_completion_tokens'],
  ])('%s refuses %s above RELAY_MAX_OUTPUT_TOKENS with a 400 naming it', async (path, field) => {
    relay = await startTestRelay({ limits: { maxOutputTokens: 1000 } })
    const over = await post(`${relay.url}${path}`, chatBody({ [field]: 1e9 }))
    expect(over.status).toBe(400)
    expect(((await over.json()) as ErrorBody).error).toMatchObject({ param: field })
    const within = await post(`${relay.url}${path}`, chatBody({ [field]: 1000 }))
    expect(within.status).toBe(200)
    await within.text()
    expect(relay.upstream.requests).toHaveLength(1)
  })

  it('reads RELAY_MAX_N and RELAY_MAX_OUTPUT_TOKENS, with defaults 1 and 32768', () => {
    expect(loadConfig({}).relay.limits).toMatchObject({ maxN: 1, maxOutputTokens: 32_768 })
    expect(
      loadConfig({ RELAY_MAX_N: '4', RELAY_MAX_OUTPUT_TOKENS: '4096' }).relay.limits,
    ).toMatchObject({
      maxN: 4,
      maxOutputTokens: 4096,
    })
    expect(() => loadConfig({ RELAY_MAX_N: '0' })).toThrow(ConfigError)
    expect(() => loadConfig({ RELAY_MAX_OUTPUT_TOKENS: 'lots' })).toThrow(
      /^Invalid RELAY_MAX_OUTPUT_TOKENS: /,
    )
  })
})

/**
 * `[[[..."deep"...]]]`, `depth` arrays deep, as JSON text: written by hand, because a deep enough
 * value overflows `JSON.stringify` (which is what the relay must never hand it to).
 */
const nested = (depth: number): string => `${'['.repeat(depth)}"deep"${']'.repeat(depth)}`

describe('JSON depth', () => {
  const messages = '"messages":[{"role":"user","content":"Hi"}]'
  it.each([
    [
      'a content part',
      `{"messages":[{"role":"user","content":[{"type":"text","x":${nested(6000)}}]}]}`,
      'messages[0].content[0].x',
    ],
    ['an unknown field', `{${messages},"extra":${nested(6000)}}`, 'extra'],
    [
      'a tool schema',
      `{${messages},"tools":[{"type":"function","function":${nested(6000)}}]}`,
      'tools[0].function',
    ],
  ])('refuses a body nested 6000 deep in %s with a 400 naming where', async (_, body, where) => {
    relay = await startTestRelay()
    for (const path of ['/api/chat', '/v1/chat/completions']) {
      const response = await post(`${relay.url}${path}`, body)
      expect(response.status).toBe(400)
      const { error } = (await response.json()) as ErrorBody
      expect(error.code).toBe('invalid_request')
      expect(error.param?.startsWith(`${where}[0]`)).toBe(true)
      expect(error.message).toContain('nested deeper than 64 levels')
    }
    expect(relay.upstream.requests).toHaveLength(0)
    expect(relay.logger.errors).toEqual([])
  })

  it('takes 64 levels and refuses 65', async () => {
    relay = await startTestRelay()
    // The body, messages, a message, content, a part: 5 levels before `x`.
    const body = (depth: number) =>
      `{"messages":[{"role":"user","content":[{"type":"text","text":"hi","x":${nested(depth - 5)}}]}]}`
    const ok = await post(`${relay.url}/api/chat`, body(64))
    expect(ok.status).toBe(200)
    await ok.text()
    const deep = await post(`${relay.url}/api/chat`, body(65))
    expect(deep.status).toBe(400)
  })
})
