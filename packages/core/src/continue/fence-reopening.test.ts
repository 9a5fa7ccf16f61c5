import { describe, expect, it } from 'vitest'
import { stripFenceReopening } from './fence-reopening.js'

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
