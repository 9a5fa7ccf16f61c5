import { describe, expect, it } from 'vitest'
import { parseDirectives } from './directives.js'

describe('parseDirectives', () => {
  it('reads every directive and strips them from the text', () => {
    const parsed = parseDirectives(
      '/length 30 /drop 5 /slow 250 /tps 80 /reasoning /long Explain streams',
    )
    expect(parsed).toEqual({
      directives: { length: 30, drop: 5, slow: 250, tps: 80, reasoning: true, long: true },
      text: 'Explain streams',
    })
  })

  it('takes the rest of the line as the error message', () => {
    expect(parseDirectives('Hi\n/error 503 Down for maintenance\nthanks')).toEqual({
      directives: { error: { status: 503, message: 'Down for maintenance' } },
      text: 'Hi\n\nthanks',
    })
    expect(parseDirectives('/error 429').directives).toEqual({ error: { status: 429 } })
  })

  it('ignores a directive without a valid argument, so questions can mention them', () => {
    for (const text of [
      'what does /length do?',
      'GET /api/length 5',
      '/error 200 ok',
      '/tps fast',
    ]) {
      expect(parseDirectives(text)).toEqual({ directives: {}, text })
    }
  })

  it('clamps values that would pin a socket or a timer', () => {
    expect(parseDirectives('/slow 99999999 /length 0').directives).toEqual({
      slow: 120_000,
      length: 1,
    })
  })
})
