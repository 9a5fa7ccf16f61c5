import { describe, expect, it } from 'vitest'
import { AppendOnlyText } from './append-only-text.js'

describe('AppendOnlyText', () => {
  it('slices across the pieces it was appended in like the joined string', () => {
    const pieces = ['const ', 'a = 1', '', '\nconst b', ' = 2\n']
    const text = new AppendOnlyText()
    for (const piece of pieces) text.append(piece)
    const joined = pieces.join('')
    expect(text.length).toBe(joined.length)
    for (let from = 0; from <= joined.length; from++) {
      for (let to = from; to <= joined.length + 1; to++) {
        expect(text.slice(from, to)).toBe(joined.slice(from, to))
      }
    }
  })
})
