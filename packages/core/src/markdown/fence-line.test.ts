import { describe, expect, it } from 'vitest'
import {
  closesFence,
  fenceMarker,
  findOpenFence,
  isFenceLine,
  mayBecomeClosingFence,
  mayBecomeFenceLine,
  readFenceOpening,
} from './fence-line.js'
import { fenceLanguage } from './open-fence.js'

const backticks = fenceMarker('```')

describe('findOpenFence', () => {
  it('finds a fence left open at the end', () => {
    expect(findOpenFence('Text\n```ts\nconst a = 1')).toEqual({ char: '`', length: 3 })
    expect(findOpenFence('~~~~\ncode\n~~~\n')).toEqual({ char: '~', length: 4 })
  })

  it('sees a closed fence as closed', () => {
    expect(findOpenFence('```ts\nconst a = 1\n```\nText')).toBeUndefined()
    expect(findOpenFence('```ts\r\nconst a = 1\r\n```\r\nText')).toBeUndefined()
  })

  it('closes only with the same character, at least as long, and nothing after it', () => {
    expect(findOpenFence('````\n```\n~~~~\n```` x\n')).toEqual({ char: '`', length: 4 })
  })

  it('finds fences inside list items and quotes, at any indentation', () => {
    expect(findOpenFence('1. Step\n   ```sh\n   ls')).toBeDefined()
    expect(findOpenFence('- ```sh\n  ls')).toBeDefined()
    expect(findOpenFence('> ```js\n> x')).toBeDefined()
    expect(findOpenFence('> ```js\n> x\n> ```')).toBeUndefined()
    expect(findOpenFence('      ```js\nx')).toBeDefined()
  })

  it('does not take a list item for a closing line', () => {
    expect(findOpenFence('```\ncode\n- ```')).toBeDefined()
  })

  it('does not take inline code for a fence', () => {
    expect(findOpenFence('```inline``` code')).toBeUndefined()
  })

  it('costs one pass over a long line of spaces', () => {
    const spaces = ' '.repeat(200_000)
    const start = performance.now()
    expect(findOpenFence(`${spaces}x\n${spaces}`)).toBeUndefined()
    expect(performance.now() - start).toBeLessThan(200)
  })
})

describe('fence lines at the top level (CommonMark, as markdown-it reads them)', () => {
  it.each([
    ['```', '```', true],
    ['   ````  ', '```', true],
    ['    ```', '```', false],
    ['\t```', '```', false],
    ['``` js', '```', false],
    ['~~~', '```', false],
    ['```', '````', false],
    ['> ```', '```', false],
  ])('closesFence(%j, %j) is %s', (line, markup, closes) => {
    expect(closesFence(line, fenceMarker(markup), 'top-level')).toBe(closes)
  })

  it.each([
    ['`', true],
    ['  ``', true],
    ['```', false],
    ['`x', false],
    ['  ', false],
    ['    `', false],
  ])('mayBecomeClosingFence(%j) is %s for ```', (line, may) => {
    expect(mayBecomeClosingFence(line, backticks, 'top-level')).toBe(may)
  })

  it('reads an opening line only under four columns and outside containers', () => {
    expect(readFenceOpening('   ```ts', 'top-level')).toEqual({ char: '`', length: 3, info: 'ts' })
    expect(readFenceOpening('    ```ts', 'top-level')).toBeUndefined()
    expect(readFenceOpening('- ```ts', 'top-level')).toBeUndefined()
    expect(readFenceOpening('- ```ts')).toEqual({ char: '`', length: 3, info: 'ts' })
  })
})

describe('partial lines', () => {
  it('says when a line may still become a fence line', () => {
    expect(mayBecomeFenceLine('``')).toBe(true)
    expect(mayBecomeFenceLine('> ~')).toBe(true)
    expect(mayBecomeFenceLine('  ')).toBe(true)
    expect(mayBecomeFenceLine('x')).toBe(false)
  })

  it('sees a closing marker being typed inside a quote, but not in a list item', () => {
    expect(mayBecomeClosingFence('> ``', backticks)).toBe(true)
    expect(mayBecomeClosingFence('- ``', backticks)).toBe(false)
  })

  it('tells fence lines of either kind from text', () => {
    expect(isFenceLine('```js')).toBe(true)
    expect(isFenceLine('  ~~~')).toBe(true)
    expect(isFenceLine('``')).toBe(false)
  })
})

describe('fenceLanguage', () => {
  it('takes the language as markdown-it does: first word, backslash escapes removed', () => {
    expect(fenceLanguage(' ts title="a.ts"')).toBe('ts')
    expect(fenceLanguage('c\\+\\+')).toBe('c++')
    expect(fenceLanguage('')).toBe('')
  })
})
