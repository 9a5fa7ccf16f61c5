import { describe, expect, it } from 'vitest'
import { mayUseLabel, referencePieces } from './reference-candidates.js'

describe('reference candidates', () => {
  it('finds a block that uses a label however the label is cased and spaced', () => {
    expect(mayUseLabel(referencePieces('See [The  Guide] now'), 'THE GUIDE')).toBe(true)
  })

  it('finds a label split across lines of a block quote', () => {
    expect(mayUseLabel(referencePieces('> see [the\n> guide]'), 'THE GUIDE')).toBe(true)
  })

  it('finds a label with an escaped pipe inside a table cell', () => {
    expect(mayUseLabel(referencePieces('| [a\\|b] |\n|---|'), 'A|B')).toBe(true)
  })

  it('finds labels folded the way markdown-it folds them', () => {
    expect(mayUseLabel(referencePieces('[Straße]'), 'STRASSE')).toBe(true)
  })

  it('skips blocks without a closing bracket or without the label', () => {
    expect(mayUseLabel(referencePieces('no brackets here guide'), 'GUIDE')).toBe(false)
    expect(mayUseLabel(referencePieces('[other] text'), 'GUIDE')).toBe(false)
  })
})
