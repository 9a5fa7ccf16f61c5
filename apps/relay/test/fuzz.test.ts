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
// line in its error log. Seeded and bounded, so a failure is reproducible and the run is short;
// FUZZ_SEED and FUZZ_RUNS explore further (`FUZZ_SEED=$RANDOM FUZZ_RUNS=5000 pnpm vitest run ...`).

const ROUTES = ['/api/chat', '/v1/chat/completions'] as const
const RUNS = {
  seed: Number(process.env.FUZZ_SEED ?? 13),
  numRuns: Number(process.env.FUZZ_RUNS ?? 250),
  interruptAfterTimeLimit: process.env.FUZZ_RUNS === undefined ? 20_000 : 600_000,
}

let upstream: MockOpenAI
let server: Server
let url: string
const logger = memoryLogger()
/** Answers with 2xx: the bodies that passed validation and reached the mock model. */
let answered = 0

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
  if (response.ok) answered += 1
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

/**
 * An arbitrary for one field: values a client may validly send, or (when `loose`) often anything
 * at all, which validation mostly refuses.
 */
type Field = <T>(valid: fc.Arbitrary<T>) => fc.Arbitrary<unknown>

const strict: Field = (valid) => valid
const loose: Field = (valid) =>
  fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 })

const text = fc.string({ unit: 'grapheme', maxLength: 120 })

function messageOf(field: Field) {
  const part = fc.oneof(
    fc.record({ type: fc.constant('text'), text }),
    fc.record({
      type: fc.constant('image_url'),
      image_url: fc.record({
        url: field(
          fc.oneof(
            fc.webUrl({ validSchemes: ['https'] }),
            fc.constant('data:image/png;base64,iVBORw0KGgo='),
          ),
        ),
      }),
    }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  )
  const call = fc.record({
    id: fc.string({ maxLength: 20 }),
    type: fc.constant('function'),
    function: fc.record({
      name: fc.string({ maxLength: 20 }),
      arguments: fc.json({ maxDepth: 2 }),
    }),
  })
  return fc.oneof(
    fc.record(
      {
        role: field(fc.constantFrom('system', 'developer', 'user')),
        content: field(fc.oneof(text, fc.array(part, { minLength: 1, maxLength: 3 }))),
        name: field(fc.string({ minLength: 1, maxLength: 20 })),
      },
      { requiredKeys: ['role', 'content'] },
    ),
    fc.record(
      {
        role: fc.constant('assistant'),
        content: field(fc.oneof(text, fc.constant(null))),
        tool_calls: field(fc.array(call, { minLength: 1, maxLength: 2 })),
      },
      { requiredKeys: ['role', 'tool_calls'] },
    ),
    fc.record({
      role: fc.constant('tool'),
      content: field(text),
      tool_call_id: field(fc.string()),
    }),
  )
}

/**
 * The fields the relay knows, with values from `field`, and fields it has never heard of.
 */
function chatBody(field: Field) {
  const integer = (min: number, max: number) => fc.integer({ min, max })
  const ranged = (min: number, max: number) => fc.double({ min, max, noNaN: true })
  const known = fc.record(
    {
      messages: field(fc.array(messageOf(field), { minLength: 1, maxLength: 4 })),
      model: field(
        fc.oneof(fc.constantFrom('mock-chat', 'mock-reasoner'), fc.string({ minLength: 1 })),
      ),
      stream: field(fc.boolean()),
      stream_options: field(fc.record({ include_usage: field(fc.boolean()) })),
      temperature: field(ranged(0, 2)),
      top_p: field(ranged(0, 1)),
      max_tokens: field(integer(1, 60)),
      max_completion_tokens: field(integer(1, 60)),
      n: field(fc.constant(1)),
      stop: field(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 4 }))),
      presence_penalty: field(ranged(-2, 2)),
      seed: field(fc.integer()),
      tools: field(
        fc.array(
          fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.string() }) }),
          { maxLength: 2 },
        ),
      ),
      tool_choice: field(fc.constantFrom('auto', 'none', 'required')),
      response_format: field(fc.record({ type: fc.constantFrom('text', 'json_object') })),
      logit_bias: field(
        fc.dictionary(fc.string({ maxLength: 6 }), integer(-100, 100), { maxKeys: 3 }),
      ),
      continuation: field(fc.boolean()),
      user: field(fc.string()),
    },
    // A strict body always has messages: most of them then reach the upstream.
    { requiredKeys: field === strict ? ['messages'] : [] },
  )
  const unknown = fc.dictionary(fc.string({ maxLength: 16 }), fc.jsonValue({ maxDepth: 3 }), {
    maxKeys: 4,
  })
  return fc.tuple(known, unknown).map(([fields, extra]) => ({ ...extra, ...fields }))
}

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
  }, 900_000)

  it('chat bodies with every field typed right or wrong, and unknown fields', async () => {
    await fc.assert(
      fc.asyncProperty(chatBody(loose), (body) => expectAnswered(route, body)),
      RUNS,
    )
  }, 900_000)

  it('chat bodies with valid values in every field, and unknown fields', async () => {
    await fc.assert(
      fc.asyncProperty(chatBody(strict), (body) => expectAnswered(route, body)),
      RUNS,
    )
  }, 900_000)

  it('valid bodies with deep nesting where validation does not look', async () => {
    await fc.assert(
      fc.asyncProperty(deepBody, (body) => expectAnswered(route, body)),
      { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 6) },
    )
  }, 900_000)

  it('bytes that are not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), (text) =>
        expectAnswered(route, text),
      ),
      { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 2) },
    )
  }, 900_000)
})

it('still answers after the fuzzing, and a good share of the bodies reached the model', async () => {
  expect(answered).toBeGreaterThan(RUNS.numRuns / 2)
  expect((await fetch(`${url}/api/health`)).status).toBe(200)
  expect(logger.errors).toEqual([])
})
