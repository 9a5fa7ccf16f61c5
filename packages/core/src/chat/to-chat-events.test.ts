import { describe, expect, it } from 'vitest'
import { createChunkDecoder } from './chunk-decoder.js'
import { toChatEvents } from './to-chat-events.js'
import type { ChatCompletionChunk, ChatStreamEvent } from './types.js'

type Choice = ChatCompletionChunk['choices'][number]

function chunk(
  choices: Array<Partial<Choice>>,
  extra: Partial<ChatCompletionChunk> = {},
): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'gpt-4o',
    choices: choices.map((choice, index) => ({ index, delta: {}, finish_reason: null, ...choice })),
    ...extra,
  }
}

const meta = { type: 'meta', id: 'chatcmpl-1', model: 'gpt-4o', created: 1700000000 } as const

function decodeAll(chunks: ChatCompletionChunk[]): ChatStreamEvent[] {
  const decoder = createChunkDecoder()
  return chunks.flatMap((item) => decoder.decode(item))
}

describe('chunk decoding', () => {
  it('turns the role-only first chunk into meta alone', () => {
    const first = chunk([{ delta: { role: 'assistant', content: '', refusal: null } }], {
      system_fingerprint: 'fp_1',
    })
    expect(decodeAll([first])).toEqual([{ ...meta, systemFingerprint: 'fp_1' }])
  })

  it('emits meta again only when id or model change', () => {
    const events = decodeAll([
      chunk([{ delta: { content: 'a' } }]),
      chunk([{ delta: { content: 'b' } }], { created: 1700000001 }),
      chunk([{ delta: { content: 'c' } }], { model: 'gpt-4o-mini' }),
      chunk([{ delta: { content: 'd' } }], { model: 'gpt-4o-mini', id: 'chatcmpl-2' }),
    ])
    expect(events.filter((event) => event.type === 'meta')).toEqual([
      meta,
      { ...meta, model: 'gpt-4o-mini' },
      { ...meta, model: 'gpt-4o-mini', id: 'chatcmpl-2' },
    ])
  })

  it('yields no events for empty strings and nulls', () => {
    const events = decodeAll([
      chunk([{ delta: { content: '', reasoning_content: null, reasoning: '', refusal: '' } }]),
      chunk([{ delta: { content: null, tool_calls: [] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: '' } }] } }]),
    ])
    expect(events).toEqual([meta])
  })

  it('emits per choice reasoning, content, refusal, tool calls, then finish', () => {
    const events = decodeAll([
      chunk([
        {
          delta: {
            reasoning_content: 'think',
            content: 'say',
            refusal: 'no',
            tool_calls: [
              { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } },
            ],
          },
          finish_reason: 'stop',
        },
      ]),
    ])
    expect(events).toEqual([
      meta,
      { type: 'reasoning', choice: 0, text: 'think' },
      { type: 'content', choice: 0, text: 'say' },
      { type: 'refusal', choice: 0, text: 'no' },
      { type: 'tool-call', choice: 0, index: 0, id: 'call_1', name: 'f', argumentsDelta: '' },
      { type: 'finish', choice: 0, reason: 'stop' },
    ])
  })

  it('reads reasoning from `reasoning` too, and never twice when a server sends both names', () => {
    const events = decodeAll([
      chunk([{ delta: { reasoning: 'openrouter' } }]),
      chunk([{ delta: { reasoning_content: 'vllm', reasoning: 'vllm' } }]),
    ])
    expect(events.filter((event) => event.type === 'reasoning')).toEqual([
      { type: 'reasoning', choice: 0, text: 'openrouter' },
      { type: 'reasoning', choice: 0, text: 'vllm' },
    ])
  })

  it('emits a tool-call event per fragment, with id and name only when present', () => {
    const events = decodeAll([
      chunk([{ delta: { tool_calls: [{ index: 1, function: { arguments: '{"a"' } }] } }]),
    ])
    expect(events.at(-1)).toEqual({
      type: 'tool-call',
      choice: 0,
      index: 1,
      argumentsDelta: '{"a"',
    })
  })

  it('falls back to the position for a tool call without index', () => {
    const withoutIndex = { function: { name: 'g', arguments: '{}' } } as unknown as {
      index: number
    }
    const events = decodeAll([chunk([{ delta: { tool_calls: [withoutIndex] } }])])
    expect(events.at(-1)).toMatchObject({ type: 'tool-call', index: 0, name: 'g' })
  })

  it('tolerates a choice without delta', () => {
    const noDelta = { index: 0, finish_reason: 'stop' } as unknown as Choice
    expect(decodeAll([chunk([]), { ...chunk([]), choices: [noDelta] }]).at(-1)).toEqual({
      type: 'finish',
      choice: 0,
      reason: 'stop',
    })
  })

  it('emits usage from the final chunk with empty choices and from a normal chunk', () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }
    expect(decodeAll([chunk([], { usage })])).toEqual([meta, { type: 'usage', usage }])
    expect(decodeAll([chunk([{ finish_reason: 'stop' }], { usage })]).slice(1)).toEqual([
      { type: 'finish', choice: 0, reason: 'stop' },
      { type: 'usage', usage },
    ])
    expect(decodeAll([chunk([{ delta: { content: 'x' } }], { usage: null })])).toHaveLength(2)
  })

  it('emits continuation before the other events of its chunk', () => {
    const events = decodeAll([
      chunk([{ finish_reason: 'length' }]),
      chunk([{ delta: { content: 'more' } }], { continuation: { round: 1 }, id: 'chatcmpl-2' }),
    ])
    expect(events.slice(2)).toEqual([
      { type: 'continuation', round: 1 },
      { ...meta, id: 'chatcmpl-2' },
      { type: 'content', choice: 0, text: 'more' },
    ])
  })

  it('keeps the choice index of n > 1 streams', () => {
    const events = decodeAll([
      chunk([{ index: 1, delta: { content: 'b' } }]),
      chunk([{ index: 0, delta: { content: 'a' } }]),
    ])
    expect(events.slice(1)).toEqual([
      { type: 'content', choice: 1, text: 'b' },
      { type: 'content', choice: 0, text: 'a' },
    ])
  })
})

describe('toChatEvents', () => {
  it('decodes an async iterable of chunks in order', async () => {
    async function* chunks() {
      yield chunk([{ delta: { role: 'assistant', content: '' } }])
      yield chunk([{ delta: { content: 'Hi' } }])
      yield chunk([{ finish_reason: 'stop' }])
    }
    const events: ChatStreamEvent[] = []
    for await (const event of toChatEvents(chunks())) events.push(event)
    expect(events).toEqual([
      meta,
      { type: 'content', choice: 0, text: 'Hi' },
      { type: 'finish', choice: 0, reason: 'stop' },
    ])
  })
})
