import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SSEDecodeError } from './sse-decode-error.js'
import { SSEDecoder } from './sse-decoder.js'
import type { SSEEvent } from './sse-decoder.js'
import {
  arbitraryCuts,
  bytesOf,
  everyTwoWaySplit,
  singleBytes,
  splitAt,
} from './__fixtures__/splits.js'

function decode(pieces: ReadonlyArray<Uint8Array | string>): SSEEvent[] {
  const decoder = new SSEDecoder()
  const events = pieces.flatMap((piece) => decoder.feed(piece))
  decoder.end()
  return events
}

function message(data: string, extra: Partial<SSEEvent> = {}): SSEEvent {
  return { event: 'message', data, id: '', ...extra }
}

interface Case {
  name: string
  input: string
  events: SSEEvent[]
}

// Every case below is also decoded with every split of its bytes (property tests at the end).
const cases: Case[] = [
  { name: 'dispatches an event at a blank line', input: 'data: hi\n\n', events: [message('hi')] },
  {
    name: 'names the event from the event field and resets it after dispatch',
    input: 'event: add\ndata: 1\n\ndata: 2\n\n',
    events: [message('1', { event: 'add' }), message('2')],
  },
  {
    name: 'treats an empty event field as "message"',
    input: 'event:\ndata: x\n\n',
    events: [message('x')],
  },
  {
    name: 'joins multi-line data with LF',
    input: 'data: one\ndata: two\ndata: three\n\n',
    events: [message('one\ntwo\nthree')],
  },
  {
    name: 'reads a field with no colon as an empty value',
    input: 'data\n\ndata\ndata\n\n',
    events: [message(''), message('\n')],
  },
  {
    name: 'dispatches an empty data line as empty data',
    input: 'data:\n\ndata: \n\n',
    events: [message(''), message('')],
  },
  {
    name: 'strips a single leading space from the value, only once',
    input: 'data:  two spaces\n\ndata:none\n\ndata: a: b\n\n',
    events: [message(' two spaces'), message('none'), message('a: b')],
  },
  {
    name: 'ignores comments',
    input: ': ping\n:\ndata: x\n: in between\n\n:only a comment\n\n',
    events: [message('x')],
  },
  {
    name: 'keeps the id across events until another one arrives',
    input: 'id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\nid\ndata: d\n\n',
    events: [
      message('a', { id: '7' }),
      message('b', { id: '7' }),
      message('c', { id: '8' }),
      message('d', { id: '' }),
    ],
  },
  {
    name: 'ignores an id that contains NUL',
    input: 'id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n',
    events: [message('a', { id: '1' }), message('b', { id: '1' })],
  },
  {
    name: 'sets the id from a block without data for the following events',
    input: 'id: 5\n\ndata: later\n\n',
    events: [message('later', { id: '5' })],
  },
  {
    name: 'accepts retry with ASCII digits only',
    input:
      'retry: 1500\ndata: a\n\nretry: 1.5\ndata: b\n\nretry: -1\ndata: c\n\nretry: 2s\ndata: d\n\nretry:\ndata: e\n\n',
    events: [message('a', { retry: 1500 }), message('b'), message('c'), message('d'), message('e')],
  },
  {
    name: 'ignores unknown fields',
    input: 'foo: bar\ndata: x\nbaz\n\n',
    events: [message('x')],
  },
  {
    name: 'ignores longer field names that start like known ones',
    input: 'datax: no\nevents: no\nretrys: 5\nidentifier: 3\ndata: yes\n\n',
    events: [message('yes')],
  },
  {
    name: 'matches field names case-sensitively',
    input: 'Data: no\nDATA: no\nEvent: no\nID: 9\ndata: yes\n\n',
    events: [message('yes')],
  },
  {
    name: 'does not dispatch a block with an event name but no data',
    input: 'event: ping\n\ndata: x\n\n',
    events: [message('x')],
  },
  {
    name: 'strips a BOM at the start of the stream',
    input: '\uFEFFdata: x\n\n',
    events: [message('x')],
  },
  {
    name: 'keeps a second BOM: it makes the field name unknown',
    input: '\uFEFF\uFEFFdata: hidden\n\ndata: shown\n\n',
    events: [message('shown')],
  },
  {
    name: 'keeps a BOM inside data',
    input: 'data: \uFEFFx\n\n',
    events: [message('\uFEFFx')],
  },
  {
    name: 'accepts CR line ends',
    input: 'data: a\rdata: b\r\rdata: c\r\r',
    events: [message('a\nb'), message('c')],
  },
  {
    name: 'accepts CRLF line ends',
    input: 'event: e\r\ndata: a\r\ndata: b\r\n\r\n',
    events: [message('a\nb', { event: 'e' })],
  },
  {
    name: 'accepts mixed line ends, CR then LF counting once',
    input: 'data: a\r\ndata: b\ndata: c\r\rdata: d\n\r\ndata: e\r\n\n',
    events: [message('a\nb\nc'), message('d'), message('e')],
  },
  {
    name: 'decodes CJK and emoji',
    input: 'data: 你好，世界 😀👨‍👩‍👧🇨🇳 ok\n\n',
    events: [message('你好，世界 😀👨‍👩‍👧🇨🇳 ok')],
  },
  {
    name: 'discards a trailing event without its blank line',
    input: 'data: kept\n\ndata: lost\n',
    events: [message('kept')],
  },
  {
    name: 'discards a trailing partial line',
    input: 'data: kept\n\ndata: lo',
    events: [message('kept')],
  },
]

describe('SSEDecoder', () => {
  for (const { name, input, events } of cases) {
    it(name, () => {
      expect(decode([bytesOf(input)])).toEqual(events)
    })
  }

  it('reports comments to onComment without the leading space', () => {
    const comments: string[] = []
    const decoder = new SSEDecoder({ onComment: (comment) => comments.push(comment) })
    decoder.feed(': ping\n:\n:  two\n:x\n')
    expect(comments).toEqual(['ping', '', ' two', 'x'])
  })

  it('treats CR at a read end and LF at the next read start as one line end', () => {
    const decoder = new SSEDecoder()
    expect(decoder.feed('data: a\r')).toEqual([])
    // Were the LF a line end of its own, it would be a blank line and dispatch "a" alone.
    expect(decoder.feed('\ndata: b\r')).toEqual([])
    expect(decoder.feed('\n\r')).toEqual([message('a\nb')])
    expect(decoder.feed('\n')).toEqual([])
  })

  it('dispatches at once when a read ends with the CR of the blank line', () => {
    const decoder = new SSEDecoder()
    expect(decoder.feed(bytesOf('data: now\r\n\r'))).toEqual([message('now')])
    expect(decoder.feed(bytesOf('\ndata: next\r\n\r\n'))).toEqual([message('next')])
  })

  it('decodes a multi-byte character split at every byte', () => {
    const text = 'data: 字😀é\n\n'
    expect(decode(singleBytes(bytesOf(text)))).toEqual([message('字😀é')])
  })

  it('replaces invalid UTF-8 instead of failing', () => {
    const bytes = Uint8Array.of(...bytesOf('data: '), 0xff, 0xe4, 0xbd, ...bytesOf('\n\n'))
    expect(decode([bytes])).toEqual([message('\uFFFD\uFFFD')])
  })

  it('strips only one BOM when strings are fed one character at a time', () => {
    expect(decode(['\uFEFF', '\uFEFF', 'data: hidden\n\ndata: shown\n\n'])).toEqual([
      message('shown'),
    ])
  })

  it('tells on end() whether an incomplete event was discarded', () => {
    const complete = new SSEDecoder()
    complete.feed('data: a\n\n')
    expect(complete.hasPendingEvent).toBe(false)
    expect(complete.end()).toBe(false)

    const cut = new SSEDecoder()
    cut.feed('data: a\n')
    expect(cut.hasPendingEvent).toBe(true)
    expect(cut.end()).toBe(true)

    const midCharacter = new SSEDecoder()
    midCharacter.feed(bytesOf('字').subarray(0, 2))
    expect(midCharacter.end()).toBe(true)
  })

  it('exposes the last event id and the latest retry', () => {
    const decoder = new SSEDecoder()
    decoder.feed('id: 3\nretry: 250\ndata: x\n\nid: 4\n\n')
    expect(decoder.lastEventId).toBe('4')
    expect(decoder.retry).toBe(250)
  })

  it('attaches retry only to the event of its own block', () => {
    expect(decode(['retry: 10\ndata: a\n\ndata: b\n\n'])).toEqual([
      message('a', { retry: 10 }),
      message('b'),
    ])
  })

  it('handles many lines in one read', () => {
    const input = 'data: x\n\n'.repeat(10_000)
    expect(decode([input])).toHaveLength(10_000)
  })
})

describe('SSEDecoder, any split of the input', () => {
  for (const { name, input, events } of cases) {
    const bytes = bytesOf(input)
    it(`${name}: one read per byte`, () => {
      expect(decode(singleBytes(bytes))).toEqual(events)
    })
    it(`${name}: every two-read split`, () => {
      for (const pieces of everyTwoWaySplit(bytes)) expect(decode(pieces)).toEqual(events)
    })
    it(`${name}: one string per character`, () => {
      expect(decode([...input])).toEqual(events)
    })
  }

  it('gives the same events for random splits of every case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), arbitraryCuts(200), ({ input, events }, cuts) => {
        expect(decode(splitAt(bytesOf(input), cuts))).toEqual(events)
      }),
      { numRuns: 2000 },
    )
  })

  it('gives the same events for random splits of all cases in one stream', () => {
    const input = cases
      .filter(({ name }) => !/BOM at the start|second BOM|trailing/.test(name))
      .map(({ input }) => input)
      .join('')
    const expected = decode([bytesOf(input)])
    expect(expected.length).toBeGreaterThan(cases.length)
    fc.assert(
      fc.property(arbitraryCuts(bytesOf(input).length), (cuts) => {
        expect(decode(splitAt(bytesOf(input), cuts))).toEqual(expected)
      }),
      { numRuns: 500 },
    )
  })
})

describe('SSEDecoder bounds', () => {
  const bounded = () => new SSEDecoder({ maxLineLength: 16, maxEventSize: 30 })

  it('accepts a line as long as the bound', () => {
    expect(bounded().feed(`data: ${'x'.repeat(10)}\n\n`)).toEqual([message('x'.repeat(10))])
  })

  it('refuses a line with no line break once it passes the bound, without waiting for its end', () => {
    const decoder = bounded()
    expect(decoder.feed('data: qqqqqqqqqq')).toEqual([])
    expect(() => decoder.feed('q')).toThrow(expect.objectContaining({ code: 'line_too_long' }))
  })

  it('refuses a too long line under every split, and every later chunk', () => {
    const bytes = bytesOf(`data: ok\n\ndata: ${'y'.repeat(11)}\n\n`)
    for (const pieces of [[bytes], ...everyTwoWaySplit(bytes), singleBytes(bytes)]) {
      const decoder = bounded()
      let failure: unknown
      try {
        for (const piece of pieces) decoder.feed(piece)
      } catch (error) {
        failure = error
      }
      expect(SSEDecodeError.isInstance(failure)).toBe(true)
      expect(failure).toMatchObject({ code: 'line_too_long', limit: 16 })
      expect(() => decoder.feed('data: more\n\n')).toThrow(SSEDecodeError)
    }
  })

  it('refuses an event whose data lines together pass the bound', () => {
    const decoder = bounded()
    expect(decoder.feed('data: 0123456789\ndata: 0123456789\n')).toEqual([])
    expect(() => decoder.feed('data: 0123456789\n')).toThrow(
      expect.objectContaining({ code: 'event_too_large', limit: 30 }),
    )
  })

  it('counts an event from its first data line again after each dispatch', () => {
    const decoder = bounded()
    const event = 'data: 0123456789\ndata: 0123456789\n\n'
    expect(decoder.feed(event + event)).toHaveLength(2)
  })

  it('bounds comments and unknown fields as lines too', () => {
    expect(() => bounded().feed(`: ${'c'.repeat(20)}\n`)).toThrow(SSEDecodeError)
    expect(() => bounded().feed(`foo: ${'c'.repeat(20)}\n`)).toThrow(SSEDecodeError)
  })

  it('has defaults far above any chat chunk', () => {
    const line = `data: ${'z'.repeat(1024 * 1024)}\n\n`
    expect(new SSEDecoder().feed(line)).toHaveLength(1)
  })
})
