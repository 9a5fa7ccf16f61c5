import { describe, expect, it } from 'vitest'
import { createThinkSplitter } from './think-tags.js'
import type { ThinkSplit } from './think-tags.js'

function run(parts: string[], atStart = true): ThinkSplit {
  const splitter = createThinkSplitter(atStart)
  const out = { content: '', reasoning: '' }
  for (const split of [...parts.map((part) => splitter.push(part)), splitter.flush()]) {
    out.content += split.content
    out.reasoning += split.reasoning
  }
  return out
}

describe('createThinkSplitter', () => {
  const text = '  <think>Weigh a < b.</think>\n\nThe answer is <think>literal</think>.'
  const expected = { reasoning: 'Weigh a < b.', content: 'The answer is <think>literal</think>.' }

  it('splits a leading think block at every chunk boundary', () => {
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        expect(run([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual(expected)
      }
    }
  })

  it('leaves content without a leading block alone', () => {
    expect(run(['<th', 'ing>'])).toEqual({ content: '<thing>', reasoning: '' })
    expect(run(['Hi <think>x</think>'])).toEqual({ content: 'Hi <think>x</think>', reasoning: '' })
  })

  it('keeps an unclosed block as reasoning', () => {
    expect(run(['<think>still thinking</thi'])).toEqual({
      content: '',
      reasoning: 'still thinking</thi',
    })
  })

  it('treats everything as content in a continued reply', () => {
    expect(run(['<think>x</think>'], false)).toEqual({ content: '<think>x</think>', reasoning: '' })
  })
})
