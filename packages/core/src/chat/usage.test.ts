import { describe, expect, it } from 'vitest'
import type { ChatUsage } from './types.js'
import { addUsage, UsageTally } from './usage.js'

const usage = (prompt: number, completion: number, reasoning?: number): ChatUsage => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  ...(reasoning !== undefined && { completion_tokens_details: { reasoning_tokens: reasoning } }),
})

describe('addUsage', () => {
  it('adds every count, the details included', () => {
    expect(addUsage(usage(10, 5, 2), usage(20, 7, 3))).toEqual(usage(30, 12, 5))
  })

  it('adds counters it does not know, and keeps details only one side reported', () => {
    const a = { ...usage(1, 1), prompt_tokens_details: { cached_tokens: 1, audio_tokens: 2 } }
    const b = { ...usage(1, 1, 4), prompt_tokens_details: { cached_tokens: 3 } }
    expect(addUsage(a, b)).toEqual({
      ...usage(2, 2, 4),
      prompt_tokens_details: { cached_tokens: 4, audio_tokens: 2 },
    })
  })

  it("takes the later report's value for anything that is not a count", () => {
    const a = { ...usage(1, 1), tier: 'default', note: 'a' }
    const b = { ...usage(1, 1), tier: 'flex', note: null }
    expect(addUsage(a, b)).toMatchObject({ tier: 'flex', note: 'a' })
  })
})

describe('UsageTally', () => {
  it('keeps the last report within a round and adds the rounds up', () => {
    const tally = new UsageTally()
    tally.record(usage(10, 1))
    tally.record(usage(10, 4, 1))
    tally.record(usage(30, 6, 2), 1)
    expect(tally.total).toEqual(usage(40, 10, 3))
    expect(tally.rounds).toEqual([usage(10, 4, 1), usage(30, 6, 2)])
  })

  it('has no total before any report', () => {
    expect(new UsageTally().total).toBeUndefined()
  })

  it('estimates a stopped round from its chunks, one completion token each, and adds it', () => {
    const tally = new UsageTally()
    for (let i = 0; i < 103; i++) tally.countChunk(0)
    for (let i = 0; i < 141; i++) tally.countChunk(1)
    tally.record(usage(50, 141), 1)
    expect(tally.total).toEqual(usage(50, 141))
    expect(tally.estimate).toEqual({ usage: usage(50, 244), approximate: true })
  })

  it('is exact when every round reported, and empty when nothing was generated', () => {
    const tally = new UsageTally()
    expect(tally.estimate).toBeUndefined()
    tally.countChunk()
    tally.record(usage(10, 4))
    expect(tally.estimate).toEqual({ usage: usage(10, 4), approximate: false })
  })
})
