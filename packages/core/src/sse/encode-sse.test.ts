import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeSSE, encodeSSEComment } from './encode-sse.js'
import type { SSEMessage } from './encode-sse.js'
import { SSEDecoder } from './sse-decoder.js'
import type { SSEEvent } from './sse-decoder.js'
import { arbitraryCuts, bytesOf, splitAt } from './__fixtures__/splits.js'

function decode(text: string, cuts: readonly number[] = []): SSEEvent[] {
  const decoder = new SSEDecoder()
  const events = splitAt(bytesOf(text), cuts).flatMap((piece) => decoder.feed(piece))
  decoder.end()
  return events
}

// Strings made of the characters that matter to the format, plus arbitrary text around them.
const tricky = fc.constantFrom('\r', '\n', '\r\n', ' ', ':', '\0', '\uFEFF', '字', '😀', 'data: ')
const text = fc
  .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 20 })
  .map((parts) => parts.join(''))
const singleLine = text.map((value) => value.replace(/[\r\n]/g, ''))

const messageArbitrary: fc.Arbitrary<SSEMessage> = fc.record(
  {
    event: singleLine,
    data: text,
    id: singleLine.map((value) => value.replace(/\0/g, '')),
    retry: fc.nat(),
  },
  { requiredKeys: ['data'] },
)

function expectedEvent(message: SSEMessage, lastId: string): SSEEvent {
  const event: SSEEvent = {
    event: message.event || 'message',
    // Any line break comes back as LF: the format has no way to tell them apart.
    data: message.data.replace(/\r\n|\r/g, '\n'),
    id: message.id ?? lastId,
  }
  if (message.retry !== undefined) event.retry = message.retry
  return event
}

describe('encodeSSE', () => {
  it('writes the fields and the blank line that dispatches the event', () => {
    expect(encodeSSE({ event: 'delta', id: '42', retry: 3000, data: 'hello' })).toBe(
      'event: delta\nid: 42\nretry: 3000\ndata: hello\n\n',
    )
  })

  it('writes one data line per line of the payload, whatever the line break', () => {
    expect(encodeSSE({ data: 'a\r\nb\rc\nd' })).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n')
  })

  it('writes an empty payload as one empty data line, which still dispatches', () => {
    expect(encodeSSE({ data: '' })).toBe('data: \n\n')
    expect(decode(encodeSSE({ data: '' }))).toEqual([{ event: 'message', data: '', id: '' }])
  })

  it('keeps leading spaces of the payload', () => {
    expect(decode(encodeSSE({ data: '  indented\n two' }))).toEqual([
      { event: 'message', data: '  indented\n two', id: '' },
    ])
  })

  it.each(['a\nb', 'a\rb', 'a\r\nb', '\n'])('rejects a line break in event or id (%j)', (bad) => {
    expect(() => encodeSSE({ event: bad, data: 'x' })).toThrow(TypeError)
    expect(() => encodeSSE({ id: bad, data: 'x' })).toThrow(TypeError)
  })

  it('rejects NUL in id, which clients would ignore', () => {
    expect(() => encodeSSE({ id: 'a\0b', data: 'x' })).toThrow(TypeError)
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects retry %s', (retry) => {
    expect(() => encodeSSE({ retry, data: 'x' })).toThrow(TypeError)
  })

  it('round-trips arbitrary messages through the decoder, under any split', () => {
    fc.assert(
      fc.property(
        fc.array(messageArbitrary, { minLength: 1, maxLength: 5 }),
        arbitraryCuts(400),
        (messages, cuts) => {
          let lastId = ''
          const expected = messages.map((message) => {
            const event = expectedEvent(message, lastId)
            lastId = event.id
            return event
          })
          expect(decode(messages.map(encodeSSE).join(''), cuts)).toEqual(expected)
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('encodeSSEComment', () => {
  it('writes a comment line per line, ended by a blank line', () => {
    expect(encodeSSEComment('ping')).toBe(': ping\n\n')
    expect(encodeSSEComment()).toBe(':\n\n')
    expect(encodeSSEComment('a\r\nb')).toBe(': a\n: b\n\n')
  })

  it('produces no events, and reaches onComment line by line', () => {
    fc.assert(
      fc.property(text, (comment) => {
        const seen: string[] = []
        const decoder = new SSEDecoder({ onComment: (line) => seen.push(line) })
        expect(decoder.feed(encodeSSEComment(comment) + encodeSSE({ data: 'x' }))).toEqual([
          { event: 'message', data: 'x', id: '' },
        ])
        expect(seen).toEqual(comment.split(/\r\n|\r|\n/))
      }),
    )
  })
})
