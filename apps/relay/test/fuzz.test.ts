import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelay } from '../src/create-relay.js'
import { memoryLogger, post } from './helpers.js'

// Whatever JSON a client sends, the relay answers 2xx or 4xx: never a 5xx, never a crash, never a
// line in its error log. Seeded and bounded, so a failure is reproducible and the run is short.

const ROUTES = ['/api/chat', '/v1/chat/completions'] as const
const RUNS = { seed: 13, numRuns: 250, interruptAfterTimeLimit: 20_000 }

let upstream: MockOpenAI
let server: Server
let url: string
const logger = memoryLogger()

beforeAll(async () => {
  upstream = await startMockOpenAI({ tokensPerSecond: Infinity })
  server = createServer(
    createRelay({
      upstream: { apiKey: upstream.apiKey, baseURL: upstream.url },
      rateLimitPerMinute: 0,
      logger,
    }),
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await upstream.close()
})

/** Sends `body` (a string as-is) and reads the whole answer; throws when it is not 2xx or 4xx. */
async function expectAnswered(route: string, body: unknown): Promise<void> {
  const response = await post(url + route, body, { signal: AbortSignal.timeout(10_000) })
  const text = await response.text()
  const problem = (what: string) =>
    new Error(`${route} answered ${response.status} (${what}): ${text.slice(0, 300)}`)
  if (response.status >= 500 || response.status < 200) throw problem('not 2xx or 4xx')
  if (response.status >= 400) {
    const error = (JSON.parse(text) as { error?: Record<string, unknown> }).error
    if (typeof error?.message !== 'string' || typeof error.code !== 'string') {
      throw problem('not an OpenAI error body')
    }
  } else if (response.headers.get('content-type')?.startsWith('text/event-stream') === true) {
    if (/^data: \{"error"/m.test(text)) throw problem('an error event in the stream')
  }
  if (logger.errors.length > 0) throw problem(`logged: ${logger.errors.join(' | ')}`)
}

const role = fc.oneof(
  fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool'),
  fc.string({ maxLength: 12 }),
)

const contentPart = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string() }),
  fc.record({
    type: fc.constant('image_url'),
    image_url: fc.record({ url: fc.oneof(fc.webUrl(), fc.string()) }, { requiredKeys: [] }),
  }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
)

const message = fc.record(
  {
    role,
    content: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(contentPart, { maxLength: 4 }),
      fc.constant(null),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    name: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })),
    tool_call_id: fc.string({ maxLength: 20 }),
    tool_calls: fc.array(
      fc.record({ id: fc.string(), type: fc.string(), function: fc.jsonValue({ maxDepth: 2 }) }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['role'] },
)

/** A value that is sometimes the right type, sometimes near it, sometimes anything. */
const anyOf = <T>(typical: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: typical, weight: 3 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  )

const number = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, 1, 1e9, -1, 0.5, Number.MAX_SAFE_INTEGER),
)

/** The fields the relay knows, with values of every kind, and fields it has never heard of. */
const chatBody = fc
  .tuple(
    fc.record(
      {
        messages: anyOf(fc.array(message, { maxLength: 4 })),
        model: anyOf(fc.oneof(fc.constantFrom('mock-chat', 'mock-reasoner'), fc.string())),
        stream: anyOf(fc.boolean()),
        stream_options: anyOf(fc.record({ include_usage: anyOf(fc.boolean()) })),
        temperature: anyOf(number),
        top_p: anyOf(number),
        max_tokens: anyOf(number),
        max_completion_tokens: anyOf(number),
        n: anyOf(number),
        stop: anyOf(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 6 }))),
        seed: anyOf(number),
        tools: anyOf(fc.array(fc.record({ type: fc.string() }), { maxLength: 3 })),
        tool_choice: anyOf(fc.oneof(fc.string(), fc.record({ type: fc.string() }))),
        response_format: anyOf(fc.record({ type: fc.string() })),
        logit_bias: anyOf(fc.dictionary(fc.string(), number)),
        continuation: anyOf(fc.boolean()),
        user: anyOf(fc.string()),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.string({ maxLength: 16 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  )
  .map(([known, unknown]) => ({ ...unknown, ...known }))

const DEEP = '"deep placeholder"'

/**
 * A valid body, as JSON text, with `[[[…]]]` nested up to 10,000 deep where the schema does not
 * look (or looks only at the top). Built as text: this process's own `JSON.stringify` overflows
 * on such a value, which is the point.
 */
const deepBody = fc
  .tuple(
    fc.integer({ min: 1, max: 10_000 }),
    fc.constantFrom('unknown field', 'content part', 'tool', 'response_format'),
  )
  .map(([depth, where]) => {
    const content = where === 'content part' ? [{ type: 'text', text: 'Hi', extra: DEEP }] : 'Hi'
    const body = JSON.stringify({
      messages: [{ role: 'user', content }],
      ...(where === 'unknown field' && { metadata: DEEP }),
      ...(where === 'tool' && { tools: [{ type: 'function', function: DEEP }] }),
      ...(where === 'response_format' && {
        response_format: { type: 'json_schema', schema: DEEP },
      }),
    })
    return body.replace(JSON.stringify(DEEP), `${'['.repeat(depth)}0${']'.repeat(depth)}`)
  })

describe.each(ROUTES)('%s answers any JSON body with 2xx or 4xx', (route) => {
  it('any JSON value at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (body) => expectAnswered(route, JSON.stringify(body))),
      RUNS,
    )
  }, 60_000)

  it('chat bodies with every field, typed right or wrong, and unknown fields', async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, (body) => expectAnswered(route, body)),
      RUNS,
    )
  }, 60_000)

  it('valid bodies with deep nesting where validation does not look', async () => {
    await fc.assert(
      fc.asyncProperty(deepBody, (body) => expectAnswered(route, body)),
      { ...RUNS, numRuns: 40 },
    )
  }, 60_000)

  it('bytes that are not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), (text) =>
        expectAnswered(route, text),
      ),
      { ...RUNS, numRuns: 100 },
    )
  }, 60_000)
})

it('still answers after the fuzzing', async () => {
  expect((await fetch(`${url}/api/health`)).status).toBe(200)
  expect(logger.errors).toEqual([])
})
