import { describe, expect, it } from 'vitest'
import type { RelayConfig } from '../src/config/relay-config.js'
import { chatBody, contentOf, post, readSSE } from './helpers.js'
import type { SSEItem } from './helpers.js'
import { useRelayOnMock } from './relay-on-mock.js'

// Issue 13, items 12 and 13: upstream answers that are whole but not shaped as the relay expected.

const relay = useRelayOnMock()
const startRelay = (config: Partial<RelayConfig> = {}) =>
  relay.start({ continuation: { enabled: false }, ...config })

const nextIndex = () => relay.upstream.requests.length

const identity = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 7, model: 'm' }
const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }
const event = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`
/** A whole reply: content, its finish, and the usage chunk the relay always asks for. */
const wholeReply =
  event({
    ...identity,
    choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
  }) +
  event({ ...identity, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) +
  event({ ...identity, choices: [], usage })

const chunksOf = (events: readonly SSEItem[]) =>
  events.filter(({ data }) => data !== '[DONE]').map(({ data }) => JSON.parse(data) as unknown)

describe('an upstream that finished the reply but keeps its socket open without [DONE]', () => {
  it('ends the reply with [DONE] at once and closes the upstream call', async () => {
    // Were the relay to wait, the idle watchdog would end the reply with upstream_timeout.
    const url = await startRelay({ timeouts: { idleMs: 5_000 } })
    const index = nextIndex()
    relay.upstream.scriptOnce({ raw: [wholeReply, ': much later\n\n'], delayMs: 600_000 })
    const started = performance.now()
    const { events } = await readSSE(await post(`${url}/api/chat`, chatBody()))
    expect(contentOf(events)).toBe('Hi')
    expect(events.at(-1)?.data).toBe('[DONE]')
    expect(events.filter(({ data }) => data === '[DONE]')).toHaveLength(1)
    expect(performance.now() - started).toBeLessThan(3_000)
    const upstream = relay.upstream.requests[index]
    await upstream?.closed
    expect(upstream?.abortedByClient).toBe(true)
  })

  it('answers a non-streamed request at once', async () => {
    const url = await startRelay({ timeouts: { idleMs: 5_000 } })
    relay.upstream.scriptOnce({ raw: [wholeReply, ': much later\n\n'], delayMs: 600_000 })
    const started = performance.now()
    const response = await post(`${url}/v1/chat/completions`, chatBody({ stream: false }))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      choices: [{ message: { content: 'Hi' }, finish_reason: 'stop' }],
      usage,
    })
    expect(performance.now() - started).toBeLessThan(3_000)
  })

  it('waits for the usage it asked for: a finish alone does not end the reply', async () => {
    const url = await startRelay({ timeouts: { idleMs: 300 } })
    const finishedWithoutUsage = wholeReply.slice(0, wholeReply.lastIndexOf('data: '))
    relay.upstream.scriptOnce({ raw: [finishedWithoutUsage, ': much later\n\n'], delayMs: 600_000 })
    const { events } = await readSSE(await post(`${url}/api/chat`, chatBody()))
    expect(contentOf(events)).toBe('Hi')
    const last = JSON.parse(events.at(-1)?.data ?? '{}') as { error?: { code?: string } }
    expect(last.error?.code).toBe('upstream_timeout')
  })

  it('lets an upstream whose [DONE] comes a read later end its body itself (the connection is kept)', async () => {
    const url = await startRelay()
    const index = nextIndex()
    relay.upstream.scriptOnce({ raw: [wholeReply, 'data: [DONE]\n\n'], delayMs: 100 })
    const { events } = await readSSE(await post(`${url}/api/chat`, chatBody()))
    expect(events.filter(({ data }) => data === '[DONE]')).toHaveLength(1)
    const upstream = relay.upstream.requests[index]
    await upstream?.closed
    expect(upstream?.abortedByClient).toBe(false)
  })
})

describe('an upstream that ignores stream: true and answers with JSON', () => {
  const completion = {
    id: 'chatcmpl-json',
    object: 'chat.completion',
    created: 42,
    model: 'mock-chat',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello world', refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage,
  }

  it('relays its completion as the stream it would have been', async () => {
    const url = await startRelay()
    relay.upstream.scriptOnce({ json: completion })
    const response = await post(`${url}/api/chat`, chatBody())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const { events } = await readSSE(response)
    expect(contentOf(events)).toBe('Hello world')
    expect(events.at(-1)?.data).toBe('[DONE]')
    const head = { id: 'chatcmpl-json', object: 'chat.completion.chunk', created: 42 }
    expect(chunksOf(events)).toEqual([
      {
        ...head,
        model: 'mock-chat',
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', content: 'Hello world' },
            finish_reason: null,
          },
        ],
      },
      { ...head, model: 'mock-chat', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      { ...head, model: 'mock-chat', choices: [], usage },
    ])
  })

  it('relays tool calls and every choice of an n: 2 completion through /v1', async () => {
    const url = await startRelay({ limits: { maxN: 2 } })
    const call = { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }
    relay.upstream.scriptOnce({
      json: {
        ...completion,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, tool_calls: [call] },
            finish_reason: 'tool_calls',
          },
          { index: 1, message: { role: 'assistant', content: 'B' }, finish_reason: 'stop' },
        ],
      },
    })
    const response = await post(
      `${url}/v1/chat/completions`,
      chatBody({ stream: true, n: 2, stream_options: { include_usage: true } }),
    )
    const { events } = await readSSE(response)
    expect(events.at(-1)?.data).toBe('[DONE]')
    const choices = chunksOf(events).flatMap(
      (chunk) => (chunk as { choices: Record<string, unknown>[] }).choices,
    )
    expect(choices).toEqual([
      {
        index: 0,
        delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, ...call }] },
        finish_reason: null,
      },
      { index: 0, delta: {}, finish_reason: 'tool_calls' },
      { index: 1, delta: { role: 'assistant', content: 'B' }, finish_reason: null },
      { index: 1, delta: {}, finish_reason: 'stop' },
    ])
  })

  it('relays a JSON error body sent with 200 as the in-band error it is', async () => {
    const url = await startRelay()
    relay.upstream.scriptOnce({ json: { error: { message: 'Overloaded', code: 'overloaded' } } })
    const { events } = await readSSE(await post(`${url}/api/chat`, chatBody()))
    const last = JSON.parse(events.at(-1)?.data ?? '{}') as { error?: { code?: string } }
    expect(last.error?.code).toBe('overloaded')
  })

  it('answers 502 for JSON that is not a completion, and for one past limits.maxReplyBytes', async () => {
    const url = await startRelay({ limits: { maxReplyBytes: 2_000 } })
    relay.upstream.scriptOnce({ json: { hello: 'world' } })
    const odd = await post(`${url}/api/chat`, chatBody())
    expect(odd.status).toBe(502)
    expect(await odd.json()).toMatchObject({ error: { code: 'upstream_error' } })

    const huge = {
      ...completion,
      choices: [
        { ...completion.choices[0], message: { role: 'assistant', content: 'x'.repeat(5_000) } },
      ],
    }
    relay.upstream.scriptOnce({ json: huge })
    const large = await post(`${url}/api/chat`, chatBody())
    expect(large.status).toBe(502)
    expect(await large.json()).toMatchObject({ error: { code: 'upstream_too_large' } })
  })
})
