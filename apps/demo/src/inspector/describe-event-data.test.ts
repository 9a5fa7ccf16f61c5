import { describe, expect, it } from 'vitest'
import { describeEventData } from './describe-event-data.js'

const chunk = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [], ...fields })

describe('describeEventData', () => {
  it('sums up content, reasoning, finish and usage chunks', () => {
    expect(
      describeEventData(
        chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }),
      ),
    ).toBe('role assistant')
    expect(describeEventData(chunk({ choices: [{ index: 0, delta: { content: 'Hi\n' } }] }))).toBe(
      'content "Hi\\n"',
    )
    expect(
      describeEventData(
        chunk({ choices: [{ index: 0, delta: { reasoning_content: 'hm' }, finish_reason: null }] }),
      ),
    ).toBe('reasoning_content "hm"')
    expect(
      describeEventData(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }] })),
    ).toBe('finish length')
    expect(describeEventData(chunk({ usage: { prompt_tokens: 12, completion_tokens: 345 } }))).toBe(
      'usage 12+345 tokens',
    )
    expect(describeEventData('[DONE]')).toBe('done')
  })

  it('names in-band errors and leaves anything else alone', () => {
    expect(describeEventData('{"error":{"message":"lost","code":"upstream_error"}}')).toBe(
      'error upstream_error',
    )
    expect(describeEventData('hello')).toBeUndefined()
    expect(describeEventData('{not json')).toBeUndefined()
    expect(describeEventData(chunk({}))).toBeUndefined()
  })
})
