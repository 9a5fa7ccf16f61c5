import { describe, expect, it } from 'vitest'
import { fitWithin } from './fit-within.js'

describe('fitWithin', () => {
  it('brings the longer side down to the bound and keeps the aspect ratio', () => {
    expect(fitWithin(4000, 3000, 2048)).toEqual({ width: 2048, height: 1536 })
    expect(fitWithin(3000, 4000, 2048)).toEqual({ width: 1536, height: 2048 })
    expect(fitWithin(6000, 1000, 2048)).toEqual({ width: 2048, height: 341 })
  })

  it('never upscales: an image that fits keeps its size, the bound itself included', () => {
    expect(fitWithin(640, 480, 2048)).toEqual({ width: 640, height: 480 })
    expect(fitWithin(2048, 2048, 2048)).toEqual({ width: 2048, height: 2048 })
  })

  it('keeps a very thin image at least one pixel wide', () => {
    expect(fitWithin(100_000, 10, 2048)).toEqual({ width: 2048, height: 1 })
  })
})
