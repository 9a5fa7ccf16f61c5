import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ChatStreamErrorCode } from '../errors/chat-stream-error.js'
import {
  arbitraryCuts,
  asyncBody,
  bytesOf,
  everyTwoWaySplit,
  singleBytes,
  splitAt,
  streamBody,
} from '../sse/__fixtures__/splits.js'
import { fixture, fixtureNames } from './__fixtures__/load.js'
import type { FixtureName } from './__fixtures__/load.js'
import { ChatAccumulator } from './chat-accumulator.js'
import type { AccumulatedChoice } from './chat-accumulator.js'
import { parseChatChunks } from './parse-chat-chunks.js'
import { parseChatStream } from './parse-chat-stream.js'
import { toChatEvents } from './to-chat-events.js'
import type { ChatStreamEvent } from './types.js'

interface Outcome {
  events: ChatStreamEvent[]
  error: ChatStreamErrorCode | undefined
}

async function run(events: AsyncIterable<ChatStreamEvent>): Promise<Outcome> {
  const seen: ChatStreamEvent[] = []
  try {
    for await (const event of events) seen.push(event)
  } catch (error) {
    if (!ChatStreamError.isInstance(error)) throw error
    return { events: seen, error: error.code }
  }
  return { events: seen, error: undefined }
}

function accumulate(events: ChatStreamEvent[]): ChatAccumulator {
  const accumulator = new ChatAccumulator()
  for (const event of events) accumulator.add(event)
  return accumulator
}

type Expected = {
  error?: ChatStreamErrorCode
  choices: Array<Partial<AccumulatedChoice>>
}

// What each recorded stream means, as a person reading the fixture would say it.
const expected: Record<FixtureName, Expected> = {
  'plain-reply': {
    choices: [{ index: 0, content: 'Hello! How can I assist you today?', finishReason: 'stop' }],
  },
  'cjk-emoji-usage': {
    choices: [
      {
        content: '你好！我是一个AI助手，很高兴认识你。😊 今天想聊点什么？👨‍👩‍👧🇨🇳',
        finishReason: 'stop',
      },
    ],
  },
  'parallel-tool-calls': {
    choices: [
      {
        content: '',
        finishReason: 'tool_calls',
        toolCalls: [
          {
            id: 'call_3H6YbCCnHhD5C0xJCPnMDzUV',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location": "Paris, France"}' },
          },
          {
            id: 'call_Wf0GzJzD3hO4ZrU6lAqvXcKp',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location": "東京"}' },
          },
        ],
      },
    ],
  },
  'deepseek-reasoning': {
    choices: [
      {
        reasoning: '嗯，用户问9.11和9.8哪个大。比较小数部分:0.11 < 0.8。',
        content: '**9.8** 更大。\n\n因为 0.8 > 0.11。',
        finishReason: 'stop',
      },
    ],
  },
  'openrouter-reasoning': {
    choices: [
      {
        reasoning: 'Okay, the user says hi. Greet back.',
        content: "Hi there! 👋 What's up?",
        finishReason: 'stop',
      },
    ],
  },
  refusal: {
    choices: [
      { content: '', refusal: "I'm sorry, I can't assist with that.", finishReason: 'stop' },
    ],
  },
  'two-choices': {
    choices: [
      { index: 0, content: 'Roses are red.', finishReason: 'stop' },
      { index: 1, content: 'Violets are blue, too.', finishReason: 'stop' },
    ],
  },
  'finish-length': {
    choices: [{ content: 'Once upon a time, in a land far away', finishReason: 'length' }],
  },
  'in-band-error': {
    error: 'upstream_error',
    choices: [{ content: 'The answer is', finishReason: null }],
  },
  truncated: {
    error: 'incomplete_stream',
    choices: [{ content: 'Here is a long ans', finishReason: null }],
  },
}

const whole = new Map<FixtureName, Outcome>()
async function reference(name: FixtureName): Promise<Outcome> {
  let outcome = whole.get(name)
  if (outcome === undefined) {
    outcome = await run(parseChatStream(asyncBody([bytesOf(fixture(name))])))
    whole.set(name, outcome)
  }
  return outcome
}

describe.each(fixtureNames)('fixture %s', (name) => {
  const bytes = bytesOf(fixture(name))

  it('means what the recorded stream says', async () => {
    const { events, error } = await reference(name)
    expect(error).toBe(expected[name].error)
    expect(accumulate(events).choices).toMatchObject(expected[name].choices)
  })

  it('gives the same events through toChatEvents(parseChatChunks()) and as a ReadableStream', async () => {
    const outcome = await reference(name)
    expect(await run(toChatEvents(parseChatChunks(asyncBody([bytes]))))).toEqual(outcome)
    expect(await run(parseChatStream(streamBody([bytes])))).toEqual(outcome)
  })

  it('gives the same events with one read per byte', async () => {
    expect(await run(parseChatStream(asyncBody(singleBytes(bytes))))).toEqual(await reference(name))
  })

  it('gives the same events for every two-read split', async () => {
    const outcome = await reference(name)
    for (const pieces of everyTwoWaySplit(bytes)) {
      expect(await run(parseChatStream(asyncBody(pieces)))).toEqual(outcome)
    }
  })

  it('gives the same events and text for random splits', async () => {
    const outcome = await reference(name)
    const text = accumulate(outcome.events).choices.map((choice) => choice.content)
    await fc.assert(
      fc.asyncProperty(arbitraryCuts(bytes.length), async (cuts) => {
        const result = await run(parseChatStream(streamBody(splitAt(bytes, cuts))))
        expect(result).toEqual(outcome)
        expect(accumulate(result.events).choices.map((choice) => choice.content)).toEqual(text)
      }),
      { numRuns: 200 },
    )
  })
})

describe('parseChatStream', () => {
  it('reads a stream served with CRLF line ends (sse-starlette) like the original', async () => {
    const crlf = bytesOf(fixture('deepseek-reasoning').replace(/\n/g, '\r\n'))
    expect(await run(parseChatStream(asyncBody(singleBytes(crlf))))).toEqual(
      await reference('deepseek-reasoning'),
    )
  })

  it('cancels the body when the consumer breaks early', async () => {
    let cancelled = false
    const bytes = bytesOf(fixture('plain-reply'))
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 800))
      },
      cancel() {
        cancelled = true
      },
    })
    for await (const event of parseChatStream(body)) if (event.type === 'content') break
    expect(cancelled).toBe(true)
    expect(body.locked).toBe(false)
  })

  it('fails with a typed invalid_chunk, cancelling the body, when a line never ends', async () => {
    let cancelled = false
    const mebibyte = new Uint8Array(1 << 20).fill(0x61)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(sent++ === 0 ? bytesOf('data: ') : mebibyte)
      },
      cancel() {
        cancelled = true
      },
    })
    const failure = (async () => {
      for await (const event of parseChatStream(body)) void event
    })().then(
      () => undefined,
      (caught: unknown) => caught,
    )
    const error = await failure
    expect(ChatStreamError.isInstance(error) && error.code).toBe('invalid_chunk')
    expect((error as Error).message).toMatch(/line longer than/)
    expect(cancelled).toBe(true)
  })
})
