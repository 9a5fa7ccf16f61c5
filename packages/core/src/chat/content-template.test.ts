import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { asyncBody, bytesOf } from '../sse/__fixtures__/splits.js'
import { ContentTemplate } from './content-template.js'
import { parseChatChunks } from './parse-chat-chunks.js'
import { parseChatStream } from './parse-chat-stream.js'
import { toChatEvents } from './to-chat-events.js'
import type { ChatCompletionChunk, ChatStreamEvent } from './types.js'

const head =
  '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",' +
  '"choices":[{"index":0,"delta":{"content":'
const tail = '},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":'

function textChunk(literal: string, padding = '"pad"'): string {
  return `${head}${literal}${tail}${padding}}`
}

function learn(data: string): ContentTemplate | undefined {
  return ContentTemplate.learn(data, JSON.parse(data) as ChatCompletionChunk, 'content')
}

describe('ContentTemplate', () => {
  const template = learn(textChunk('"Hello"'))

  it('is learned from a text-only chunk', () => {
    expect(template).toBeDefined()
  })

  it('reads the text of a chunk of the same shape, whatever the text and the padding', () => {
    expect(template?.match(textChunk('" world"', '"xyzzy12"'))).toBe(' world')
    expect(template?.match(textChunk('"字😀"', '""'))).toBe('字😀')
  })

  it('decodes escapes in the text', () => {
    expect(template?.match(textChunk('"a\\nb \\"q\\" \\\\ \\u00e9"'))).toBe('a\nb "q" \\ é')
  })

  it.each([
    ['another shape', textChunk('"x"').replace('"logprobs":null', '"logprobs":{}')],
    ['a finish reason', textChunk('"x"').replace('"finish_reason":null', '"finish_reason":"stop"')],
    ['another id', textChunk('"x"').replace('chatcmpl-1', 'chatcmpl-2')],
    ['trailing bytes', textChunk('"x"') + ' '],
    ['an extra field', textChunk('"x"').replace('"usage":null', '"usage":null,"error":{}')],
    ['a raw control character', textChunk('"a\u0001b"')],
    ['an invalid escape', textChunk('"a\\qb"')],
    ['an invalid escape in the padding', textChunk('"x"', '"\\q"')],
    ['an unterminated text', `${head}"abc`],
    ['empty text', textChunk('""')],
  ])('leaves a chunk with %s to the full parser', (_, data) => {
    expect(template?.match(data)).toBeUndefined()
  })

  it('is not learned when the text appears twice', () => {
    const twice = textChunk('"pad"', '"pad"').replace(
      '"obfuscation"',
      '"x":{"content":"pad"},"obfuscation"',
    )
    expect(learn(twice)).toBeUndefined()
  })
})

async function outcome(events: AsyncIterable<ChatStreamEvent>) {
  const seen: ChatStreamEvent[] = []
  try {
    for await (const event of events) seen.push(event)
  } catch (error) {
    return { seen, error: ChatStreamError.isInstance(error) ? error.code : String(error) }
  }
  return { seen, error: undefined }
}

// Chunks that mostly share one shape, with the variations a real stream has in between.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('', '\n', '"', '\\', '\u0000', '\u2028', 'é', '😀'),
)
const line = fc.oneof(
  { weight: 8, arbitrary: text.map((value) => textChunk(JSON.stringify(value))) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(text, fc.string({ maxLength: 4 }))
      .map(([value, padding]) => textChunk(JSON.stringify(value), JSON.stringify(padding))),
  },
  {
    weight: 1,
    arbitrary: text.map((value) =>
      textChunk(JSON.stringify(value)).replace('"content":', '"reasoning_content":'),
    ),
  },
  {
    weight: 1,
    arbitrary: text.map((value) =>
      textChunk(JSON.stringify(value)).replace('chatcmpl-1', 'chatcmpl-2'),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(
      textChunk('"x"').replace('"finish_reason":null', '"finish_reason":"length"'),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(textChunk('"x"').replace('"usage":null', '"continuation":{"round":1}')),
  },
  { weight: 1, arbitrary: fc.constant(textChunk('"a\u0001"')) },
)

describe('parseChatStream with templates', () => {
  it('gives exactly the events of toChatEvents(parseChatChunks()) for streams of varying shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.boolean(), async (lines, done) => {
        const body =
          lines.map((data) => `data: ${data}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '')
        const fast = await outcome(parseChatStream(asyncBody([bytesOf(body)])))
        const reference = await outcome(toChatEvents(parseChatChunks(asyncBody([bytesOf(body)]))))
        expect(fast).toEqual(reference)
      }),
      { numRuns: 500 },
    )
  })
})
