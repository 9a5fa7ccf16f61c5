import { describe, expect, it } from 'vitest'
import { tokenize } from './tokenizer.js'

const graphemes = (text: string): number =>
  [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length

const SAMPLES = [
  'Hello, world! How are you doing today?',
  'TypeScript is a **superset** of `JavaScript`.\n\n```ts\nconst answer: number = 42\n```',
  '你好，世界！这是一个关于流式输出的测试。',
  'Family 👨‍👩‍👧 and rocket 🚀✨ emoji, flags 🇫🇷 too',
  '| Name | Value |\n| :--- | ---: |\n| internationalization | 1234567 |',
  "It's   indented    code\n\n\n    with spaces",
]

describe('tokenize', () => {
  it.each(SAMPLES)('joins back to the exact input: %j', (text) => {
    expect(tokenize(text).join('')).toBe(text)
  })

  it('cuts tokens of 1 to 6 characters', () => {
    for (const token of SAMPLES.flatMap(tokenize)) {
      expect(graphemes(token)).toBeGreaterThanOrEqual(1)
      expect(graphemes(token)).toBeLessThanOrEqual(6)
    }
  })

  it('attaches a space to the word after it and splits long words', () => {
    expect(tokenize('a relative internationalization')).toEqual([
      'a',
      ' rela',
      'tive',
      ' inter',
      'nation',
      'alizat',
      'ion',
    ])
  })

  it('sends CJK one or two characters at a time', () => {
    const tokens = tokenize('这是一个关于流式输出的测试')
    expect(tokens.length).toBeGreaterThan(6)
    for (const token of tokens) expect([1, 2]).toContain(token.length)
  })

  it('never splits an emoji, even a ZWJ sequence or a flag', () => {
    const tokens = tokenize('👨‍👩‍👧🇫🇷')
    expect(tokens.join('')).toBe('👨‍👩‍👧🇫🇷')
    expect(tokens.some((token) => token.includes('👨‍👩‍👧'))).toBe(true)
    expect(tokens.some((token) => token.includes('🇫🇷'))).toBe(true)
  })
})
