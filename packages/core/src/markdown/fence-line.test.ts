import { describe, expect, it } from 'vitest'
import { closesFence, fenceLanguage, mayBecomeClosingFence } from './open-fence.js'

describe('fence markers', () => {
  it.each([
    ['```', '```', true],
    ['   ````  ', '```', true],
    ['    ```', '```', false],
    ['\t```', '```', false],
    ['``` js', '```', false],
    ['~~~', '```', false],
    ['```', '````', false],
  ])('closesFence(%j, %j) is %s', (line, markup, closes) => {
    expect(closesFence(line, markup)).toBe(closes)
  })

  it.each([
    ['`', true],
    ['  ``', true],
    ['```', false],
    ['`x', false],
    ['  ', false],
  ])('mayBecomeClosingFence(%j) is %s for ```', (line, may) => {
    expect(mayBecomeClosingFence(line, '```')).toBe(may)
  })

  it('takes the language as markdown-it does: first word, backslash escapes removed', () => {
    expect(fenceLanguage(' ts title="a.ts"')).toBe('ts')
    expect(fenceLanguage('c\\+\\+')).toBe('c++')
    expect(fenceLanguage('')).toBe('')
  })
})
