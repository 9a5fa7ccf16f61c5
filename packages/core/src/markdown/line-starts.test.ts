import { describe, expect, it } from 'vitest'
import { isBlankLine, isLineTerminated, lineStarts } from './line-starts.js'

describe('lineStarts', () => {
  it('counts LF, CRLF and lone CR as line ends, as markdown-it normalizes them', () => {
    expect(lineStarts('a\nb\r\nc\rd')).toEqual([0, 2, 5, 7])
  })

  it('treats a CR at the very end as unfinished: a LF may follow in the next chunk', () => {
    const text = 'a\r'
    expect(isLineTerminated(text, lineStarts(text), 0)).toBe(false)
    expect(isLineTerminated('a\r\n', lineStarts('a\r\n'), 0)).toBe(true)
  })

  it('sees lines of spaces and tabs as blank', () => {
    const text = 'a\n \t\nb'
    expect(isBlankLine(text, lineStarts(text), 1)).toBe(true)
    expect(isBlankLine(text, lineStarts(text), 2)).toBe(false)
  })
})
