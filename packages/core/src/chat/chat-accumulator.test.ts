import { describe, expect, it } from 'vitest'
import { ChatAccumulator } from './chat-accumulator.js'
import type { AccumulatedChoice } from './chat-accumulator.js'
import { toAssistantMessage } from './to-assistant-message.js'
import type { ChatStreamEvent, ChatUsage } from './types.js'

function accumulate(events: ChatStreamEvent[]): ChatAccumulator {
  const accumulator = new ChatAccumulator()
  for (const event of events) accumulator.add(event)
  return accumulator
}

const usage = (prompt: number, completion: number): ChatUsage => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
})

function choice(overrides: Partial<AccumulatedChoice>): AccumulatedChoice {
  return {
    index: 0,
    role: 'assistant',
    content: '',
    reasoning: '',
    refusal: '',
    toolCalls: [],
    finishReason: 'stop',
    ...overrides,
  }
}

describe('ChatAccumulator', () => {
  it('starts empty', () => {
    const empty = new ChatAccumulator()
    expect(empty.choices).toEqual([])
    expect(empty.usage).toBeUndefined()
    expect(empty.meta).toBeUndefined()
    expect(empty.continuationRounds).toBe(0)
  })

  it('concatenates content, reasoning and refusal per choice', () => {
    const result = accumulate([
      { type: 'reasoning', choice: 0, text: 'Let me ' },
      { type: 'reasoning', choice: 0, text: 'think.' },
      { type: 'content', choice: 0, text: 'Hello' },
      { type: 'content', choice: 0, text: ' world' },
      { type: 'finish', choice: 0, reason: 'stop' },
    ])
    expect(result.choices).toEqual([choice({ content: 'Hello world', reasoning: 'Let me think.' })])
  })

  it('merges interleaved tool-call fragments by index, taking id and name from the first that has them', () => {
    const result = accumulate([
      { type: 'tool-call', choice: 0, index: 1, id: 'call_b', name: 'lookup', argumentsDelta: '' },
      {
        type: 'tool-call',
        choice: 0,
        index: 0,
        id: 'call_a',
        name: 'search',
        argumentsDelta: '{"q"',
      },
      { type: 'tool-call', choice: 0, index: 1, argumentsDelta: '{"id":' },
      { type: 'tool-call', choice: 0, index: 0, argumentsDelta: ':"x"}' },
      // Some servers repeat id and name on later fragments; the first ones stand.
      {
        type: 'tool-call',
        choice: 0,
        index: 1,
        id: 'call_other',
        name: 'other',
        argumentsDelta: '7}',
      },
      { type: 'finish', choice: 0, reason: 'tool_calls' },
    ])
    expect(result.choices[0]?.toolCalls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } },
      { id: 'call_b', type: 'function', function: { name: 'lookup', arguments: '{"id":7}' } },
    ])
    expect(result.choices[0]?.finishReason).toBe('tool_calls')
  })

  it('keeps n > 1 choices apart and sorted by index', () => {
    const result = accumulate([
      { type: 'content', choice: 1, text: 'B1' },
      { type: 'content', choice: 0, text: 'A1' },
      { type: 'content', choice: 1, text: 'B2' },
      { type: 'finish', choice: 1, reason: 'length' },
      { type: 'content', choice: 0, text: 'A2' },
    ])
    expect(result.choices).toEqual([
      choice({ index: 0, content: 'A1A2', finishReason: null }),
      choice({ index: 1, content: 'B1B2', finishReason: 'length' }),
    ])
  })

  it('keeps the first meta', () => {
    const result = accumulate([
      { type: 'meta', id: 'a', model: 'm', created: 1, systemFingerprint: 'fp' },
      { type: 'meta', id: 'b', model: 'm2', created: 2 },
    ])
    expect(result.meta).toEqual({ id: 'a', model: 'm', created: 1, systemFingerprint: 'fp' })
  })

  it('takes the latest usage within a round and adds up rounds', () => {
    const result = accumulate([
      { type: 'usage', usage: usage(10, 1) },
      { type: 'usage', usage: usage(10, 5) },
      { type: 'finish', choice: 0, reason: 'length' },
      { type: 'continuation', round: 1 },
      { type: 'content', choice: 0, text: 'more' },
      { type: 'finish', choice: 0, reason: 'stop' },
      {
        type: 'usage',
        usage: { ...usage(20, 3), completion_tokens_details: { reasoning_tokens: 2 } },
      },
    ])
    expect(result.usage).toEqual({
      prompt_tokens: 30,
      completion_tokens: 8,
      total_tokens: 38,
      completion_tokens_details: { reasoning_tokens: 2 },
    })
    expect(result.roundUsage).toEqual([
      usage(10, 5),
      { ...usage(20, 3), completion_tokens_details: { reasoning_tokens: 2 } },
    ])
    expect(result.continuationRounds).toBe(1)
    expect(result.choices[0]).toMatchObject({ content: 'more', finishReason: 'stop' })
  })

  it('adds up nested usage details across rounds', () => {
    const result = accumulate([
      { type: 'usage', usage: { ...usage(1, 1), prompt_tokens_details: { cached_tokens: 4 } } },
      { type: 'continuation', round: 1 },
      { type: 'usage', usage: { ...usage(1, 1), prompt_tokens_details: { cached_tokens: 6 } } },
    ])
    expect(result.usage?.prompt_tokens_details).toEqual({ cached_tokens: 10 })
  })

  it('returns snapshots that later events do not change', () => {
    const accumulator = new ChatAccumulator()
    accumulator.add({ type: 'content', choice: 0, text: 'a' })
    const before = accumulator.choices
    accumulator.add({ type: 'content', choice: 0, text: 'b' })
    expect(before[0]?.content).toBe('a')
    expect(accumulator.choices[0]?.content).toBe('ab')
  })
})

describe('toAssistantMessage', () => {
  it('gives the text of a plain reply', () => {
    expect(toAssistantMessage(choice({ content: 'Hi', reasoning: 'hidden' }))).toEqual({
      role: 'assistant',
      content: 'Hi',
    })
  })

  it('gives null content and tool_calls in request shape for a tool-call reply', () => {
    const call = {
      id: 'call_1',
      type: 'function' as const,
      function: { name: 'f', arguments: '{}' },
    }
    expect(toAssistantMessage(choice({ toolCalls: [call] }))).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [call],
    })
  })

  it('keeps a refusal', () => {
    expect(toAssistantMessage(choice({ refusal: 'No.' }))).toEqual({
      role: 'assistant',
      content: null,
      refusal: 'No.',
    })
  })
})
