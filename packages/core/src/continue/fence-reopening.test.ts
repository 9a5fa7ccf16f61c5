import { describe, expect, it } from 'vitest'
import { findOpenFence, stripFenceReopening } from './open-fence.js'

describe('findOpenFence', () => {
  it('finds a fence left open at the end', () => {
    expect(findOpenFence('Text\n```ts\nconst a = 1')).toEqual({ char: '`', length: 3 })
    expect(findOpenFence('~~~~\ncode\n~~~\n')).toEqual({ char: '~', length: 4 })
  })

  it('sees a closed fence as closed', () => {
    expect(findOpenFence('```ts\nconst a = 1\n```\nText')).toBeUndefined()
  })

  it('closes only with the same character, at least as long, and nothing after it', () => {
    expect(findOpenFence('````\n```\n~~~~\n```` x\n')).toEqual({ char: '`', length: 4 })
  })

  it('finds fences inside list items and quotes', () => {
    expect(findOpenFence('1. Step\n   ```sh\n   ls')).toBeDefined()
    expect(findOpenFence('> ```js\n> x')).toBeDefined()
  })

  it('does not take inline code for a fence', () => {
    expect(findOpenFence('```inline``` code')).toBeUndefined()
  })
})

describe('stripFenceReopening', () => {
  it('removes a fence line with an info string', () => {
    expect(stripFenceReopening('```python\nx = 1')).toEqual({
      kind: 'removed',
      leading: '',
      rest: 'x = 1',
    })
  })

  it('waits for the end of a line that may be a fence', () => {
    expect(stripFenceReopening('``')).toEqual({ kind: 'pending' })
    expect(stripFenceReopening('\n```pyth')).toEqual({ kind: 'pending' })
  })

  it('leaves other starts alone', () => {
    expect(stripFenceReopening('x = 1\n')).toEqual({ kind: 'none' })
    expect(stripFenceReopening('```\nx')).toEqual({ kind: 'none' })
  })
})
