import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './retry-after.js'

const now = Date.parse('2025-01-01T00:00:00Z')

function headers(init: Record<string, string>): Headers {
  return new Headers(init)
}

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '30' }), now)).toBe(30)
  })

  it('reads an HTTP date as the seconds left', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:01:30 GMT' }), now)).toBe(
      90,
    )
  })

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(
      0,
    )
  })

  it("prefers OpenAI's retry-after-ms", () => {
    expect(parseRetryAfter(headers({ 'retry-after': '2', 'retry-after-ms': '1500' }), now)).toBe(
      1.5,
    )
  })

  it('keeps a fractional delay exactly, never rounding a wait down', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '1.5' }), now)).toBe(1.5)
    expect(parseRetryAfter(headers({ 'retry-after-ms': '200' }), now)).toBe(0.2)
  })

  it('rounds the time left until a date up to whole seconds', () => {
    const date = 'Wed, 01 Jan 2025 00:00:10 GMT'
    expect(parseRetryAfter(headers({ 'retry-after': date }), now + 9_001)).toBe(1)
  })

  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after': '-5' }), now)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after': '' }), now)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after-ms': 'soon', 'retry-after': '3' }), now)).toBe(3)
  })
})
