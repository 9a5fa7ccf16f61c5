import { describe, expect, it } from 'vitest'
import { ChatAccumulator, toChatEvents } from '../chat/index.js'
import type {
  ChatChunkDelta,
  ChatCompletionChunk,
  ChatRequest,
  ChatUsage,
  FinishReason,
} from '../chat/types.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { continueOnLength } from './continue-on-length.js'
import type { ContinueOnLengthOptions } from './continue-on-length.js'
import { DEFAULT_CONTINUATION_INSTRUCTION } from './continuation-request.js'

const request: ChatRequest = {
  model: 'gpt-test',
  messages: [{ role: 'user', content: 'Write a long story.' }],
  max_tokens: 20,
}

function chunk(
  id: string,
  delta: ChatChunkDelta,
  finish: FinishReason | null = null,
  index = 0,
): ChatCompletionChunk {
  return {
    id,
    object: 'chat.completion.chunk',
    created: id.length,
    model: `model-${id}`,
    choices: [{ index, delta, finish_reason: finish }],
  }
}

function usageChunk(id: string, usage: ChatUsage): ChatCompletionChunk {
  return { ...chunk(id, {}), choices: [], usage }
}

/** One round as OpenAI streams it: role chunk, text pieces, finish chunk, optional usage chunk. */
function round(
  id: string,
  pieces: string[],
  finish: FinishReason,
  usage?: ChatUsage,
): ChatCompletionChunk[] {
  const chunks = [chunk(id, { role: 'assistant', content: '' })]
  for (const piece of pieces) chunks.push(chunk(id, { content: piece }))
  chunks.push(chunk(id, {}, finish))
  if (usage) chunks.push(usageChunk(id, usage))
  return chunks
}

interface Script {
  requests: ChatRequest[]
  signals: Array<AbortSignal | undefined>
  send: ContinueOnLengthOptions<ChatCompletionChunk>['send']
}

/** A fake upstream: answers request i with rounds[i] (chunks, or an error thrown after them). */
function script(
  rounds: Array<ChatCompletionChunk[] | { chunks: ChatCompletionChunk[]; error: Error }>,
): Script {
  const requests: ChatRequest[] = []
  const signals: Array<AbortSignal | undefined> = []
  return {
    requests,
    signals,
    send(sent, signal) {
      const answer = rounds[requests.length]
      requests.push(sent)
      signals.push(signal)
      if (answer === undefined) throw new Error('unexpected request')
      return (async function* () {
        const chunks = Array.isArray(answer) ? answer : answer.chunks
        for (const item of chunks) {
          await Promise.resolve()
          yield item
        }
        if (!Array.isArray(answer)) throw answer.error
      })()
    },
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

function textOf(chunks: ChatCompletionChunk[]): string {
  return chunks
    .map((c) => c.choices.find((choice) => choice.index === 0)?.delta.content ?? '')
    .join('')
}

function finishes(chunks: ChatCompletionChunk[]): Array<FinishReason> {
  return chunks
    .flatMap((c) => c.choices.map((choice) => choice.finish_reason))
    .filter((f) => f !== null)
}

describe('continueOnLength', () => {
  it('passes the chunks of a complete reply through untouched', async () => {
    const chunks = round('a', ['Hello', ' world.'], 'stop', {
      prompt_tokens: 5,
      completion_tokens: 2,
      total_tokens: 7,
    })
    const upstream = script([chunks])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(out).toHaveLength(chunks.length)
    out.forEach((item, i) => expect(item).toBe(chunks[i]))
    expect(upstream.requests).toHaveLength(1)
  })

  it('asks again with the partial reply and the instruction, and streams one reply', async () => {
    const upstream = script([
      round('a', ['Once upon', ' a time'], 'length'),
      round('b', [' there was', ' a fox.'], 'stop'),
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(textOf(out)).toBe('Once upon a time there was a fox.')
    expect(finishes(out)).toEqual(['stop'])
    expect(upstream.requests[1]).toEqual({
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: 'Once upon a time' },
        { role: 'user', content: DEFAULT_CONTINUATION_INSTRUCTION },
      ],
    })
    expect(request.messages).toHaveLength(1)
  })

  it('marks the first chunk of each round and keeps the first round id, created and model', async () => {
    const upstream = script([
      round('a', ['One'], 'length'),
      round('bb', [' two'], 'length'),
      round('ccc', [' three.'], 'stop'),
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(out.map((c) => c.continuation?.round).filter((r) => r !== undefined)).toEqual([1, 2])
    expect(new Set(out.map((c) => `${c.id}/${c.created}/${c.model}`))).toEqual(
      new Set(['a/1/model-a']),
    )
    const events = await collect(
      toChatEvents(
        continueOnLength({
          request,
          send: script([round('a', ['One'], 'length'), round('bb', [' two.'], 'stop')]).send,
        }),
      ),
    )
    expect(events.filter((e) => e.type === 'meta')).toHaveLength(1)
    expect(events.filter((e) => e.type === 'continuation')).toEqual([
      { type: 'continuation', round: 1 },
    ])
  })

  it('removes the last words when the model repeats them', async () => {
    const upstream = script([
      round('a', ['The fox', ' jumps over', ' the'], 'length'),
      round('b', ['over', ' the', ' lazy', ' dog.'], 'stop'),
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(textOf(out)).toBe('The fox jumps over the lazy dog.')
  })

  it('removes the last line when the model repeats it', async () => {
    const upstream = script([
      round('a', ['Steps:\n', '1. Open the', ' box'], 'length'),
      round('b', ['1. Open', ' the box', ' carefully.\n', '2. Enjoy.'], 'stop'),
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(textOf(out)).toBe('Steps:\n1. Open the box carefully.\n2. Enjoy.')
  })

  it('joins a word cut in the middle', async () => {
    const upstream = script([
      round('a', ['Hello', ' wor'], 'length'),
      round('b', ['world', ', how', ' are you?'], 'stop'),
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(textOf(out)).toBe('Hello world, how are you?')
  })

  it('keeps an open code block open when the model re-opens it', async () => {
    const upstream = script([
      round('a', ['Code:\n\n', '```ts\n', 'const a = 1\n'], 'length'),
      round('b', ['```ts\n', 'const b = 2\n', '```\n'], 'stop'),
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(textOf(out)).toBe('Code:\n\n```ts\nconst a = 1\nconst b = 2\n```\n')
  })

  it('stops after maxContinuations and passes the last length through', async () => {
    const upstream = script([
      round('a', ['one'], 'length'),
      round('b', [' two'], 'length'),
      round('c', [' three'], 'length'),
    ])
    const out = await collect(
      continueOnLength({ request, send: upstream.send, maxContinuations: 2 }),
    )
    expect(upstream.requests).toHaveLength(3)
    expect(textOf(out)).toBe('one two three')
    expect(finishes(out)).toEqual(['length'])
    expect(upstream.requests[2]?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: 'one two',
    })
  })

  it('sums the usage of all rounds into one usage chunk at the end', async () => {
    const upstream = script([
      round('a', ['one'], 'length', {
        prompt_tokens: 10,
        completion_tokens: 20,
        total_tokens: 30,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 4 },
      }),
      round('b', [' two.'], 'stop', {
        prompt_tokens: 35,
        completion_tokens: 5,
        total_tokens: 40,
        prompt_tokens_details: { cached_tokens: 8 },
        completion_tokens_details: { reasoning_tokens: 1 },
      }),
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    const withUsage = out.filter((c) => c.usage != null)
    expect(withUsage).toHaveLength(1)
    expect(out.at(-1)).toBe(withUsage[0])
    expect(withUsage[0]).toMatchObject({ id: 'a', choices: [] })
    expect(withUsage[0]?.usage).toEqual({
      prompt_tokens: 45,
      completion_tokens: 25,
      total_tokens: 70,
      prompt_tokens_details: { cached_tokens: 8 },
      completion_tokens_details: { reasoning_tokens: 5 },
    })
  })

  it('builds the same final message as the accumulator expects', async () => {
    const upstream = script([
      round('a', ['Once', ' upon'], 'length', {
        prompt_tokens: 1,
        completion_tokens: 2,
        total_tokens: 3,
      }),
      round('b', ['upon a time.'], 'stop', {
        prompt_tokens: 4,
        completion_tokens: 5,
        total_tokens: 9,
      }),
    ])
    const accumulator = new ChatAccumulator()
    for await (const event of toChatEvents(continueOnLength({ request, send: upstream.send }))) {
      accumulator.add(event)
    }
    expect(accumulator.choices[0]).toMatchObject({
      content: 'Once upon a time.',
      finishReason: 'stop',
    })
    expect(accumulator.usage).toMatchObject({
      prompt_tokens: 5,
      completion_tokens: 7,
      total_tokens: 12,
    })
    expect(accumulator.continuationRounds).toBe(1)
  })

  it('passes reasoning deltas of every round through', async () => {
    const upstream = script([
      [
        chunk('a', { reasoning_content: 'Think.' }),
        chunk('a', { content: 'Answer' }),
        chunk('a', {}, 'length'),
      ],
      [
        chunk('b', { reasoning_content: 'Think again.' }),
        chunk('b', { content: ' continues.' }),
        chunk('b', {}, 'stop'),
      ],
    ])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(out.map((c) => c.choices[0]?.delta.reasoning_content).filter(Boolean)).toEqual([
      'Think.',
      'Think again.',
    ])
    expect(textOf(out)).toBe('Answer continues.')
    expect(upstream.requests[1]?.messages.at(-2)).toEqual({ role: 'assistant', content: 'Answer' })
  })

  it('throws an error of a later round after the text that came before it', async () => {
    const failure = new ChatStreamError('upstream_error', 'Rate limited', { status: 429 })
    const upstream = script([
      round('a', ['First part'], 'length'),
      { chunks: [chunk('b', { content: ' and a bit' })], error: failure },
    ])
    const out: ChatCompletionChunk[] = []
    await expect(async () => {
      for await (const item of continueOnLength({ request, send: upstream.send })) out.push(item)
    }).rejects.toBe(failure)
    expect(textOf(out)).toBe('First part and a bit')
  })

  it('hands over the held-back start of a round before its error', async () => {
    const failure = new ChatStreamError('network_error', 'Connection reset')
    const upstream = script([
      round('a', ['go to the shop'], 'length'),
      { chunks: [chunk('b', { content: ' to' })], error: failure },
    ])
    const out: ChatCompletionChunk[] = []
    await expect(async () => {
      for await (const item of continueOnLength({ request, send: upstream.send })) out.push(item)
    }).rejects.toBe(failure)
    expect(textOf(out)).toBe('go to the shop to')
  })

  it('throws when a later request fails to start, keeping the first round', async () => {
    const failure = new ChatStreamError('http_error', 'Bad gateway', { status: 502 })
    const out: ChatCompletionChunk[] = []
    let calls = 0
    const send: Script['send'] = (sent, signal) => {
      calls++
      if (calls === 1) return script([round('a', ['Partial'], 'length')]).send(sent, signal)
      return Promise.reject(failure)
    }
    await expect(async () => {
      for await (const item of continueOnLength({ request, send })) out.push(item)
    }).rejects.toBe(failure)
    expect(textOf(out)).toBe('Partial')
  })

  it('stops at once when aborted, even if the round never answers', async () => {
    const controller = new AbortController()
    const signals: Array<AbortSignal | undefined> = []
    let calls = 0
    const first = script([round('a', ['Partial'], 'length')])
    const send: Script['send'] = (sent, signal) => {
      signals.push(signal)
      calls++
      if (calls === 1) return first.send(sent, signal)
      // A round that ignores its signal and never answers.
      return { [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }) }
    }
    const out: ChatCompletionChunk[] = []
    const done = (async () => {
      for await (const item of continueOnLength({ request, send, signal: controller.signal })) {
        out.push(item)
      }
    })()
    while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 1))
    controller.abort()
    const error = await done.then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(ChatStreamError.isInstance(error) && error.code).toBe('aborted')
    expect(textOf(out)).toBe('Partial')
    expect(signals).toEqual([controller.signal, controller.signal])
  })

  it('passes several choices through without continuing', async () => {
    const chunks = [
      chunk('a', { content: 'A' }),
      chunk('a', { content: 'B' }, null, 1),
      chunk('a', {}, 'length'),
      chunk('a', {}, 'length', 1),
    ]
    const upstream = script([chunks])
    const out = await collect(
      continueOnLength({ request: { ...request, n: 2 }, send: upstream.send }),
    )
    expect(out).toEqual(chunks)
    expect(upstream.requests).toHaveLength(1)
  })

  it('does not continue a cut tool call', async () => {
    const chunks = [
      chunk('a', {
        tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"a' } }],
      }),
      chunk('a', {}, 'length'),
    ]
    const upstream = script([chunks])
    const out = await collect(continueOnLength({ request, send: upstream.send }))
    expect(finishes(out)).toEqual(['length'])
    expect(upstream.requests).toHaveLength(1)
  })

  it('passes everything through when disabled', async () => {
    const upstream = script([round('a', ['Cut'], 'length')])
    const out = await collect(continueOnLength({ request, send: upstream.send, enabled: false }))
    expect(finishes(out)).toEqual(['length'])
    expect(upstream.requests).toHaveLength(1)
  })

  it('uses a custom instruction and request builder', async () => {
    const upstream = script([round('a', ['Cut'], 'length'), round('b', [' off.'], 'stop')])
    await collect(
      continueOnLength({
        request,
        send: upstream.send,
        instruction: 'Fahre fort.',
        buildRequest: ({ request: original, partial, instruction, round: n }) => ({
          ...original,
          messages: [...original.messages, { role: 'assistant', content: partial, prefix: true }],
          note: `${instruction} ${n}`,
        }),
      }),
    )
    expect(upstream.requests[1]).toMatchObject({
      messages: [...request.messages, { role: 'assistant', content: 'Cut', prefix: true }],
      note: 'Fahre fort. 1',
    })
  })

  it('rejects a negative maxContinuations', async () => {
    const upstream = script([])
    await expect(
      collect(continueOnLength({ request, send: upstream.send, maxContinuations: -1 })),
    ).rejects.toThrow(RangeError)
  })
})
