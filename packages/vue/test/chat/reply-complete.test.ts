// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { CHOICE_1_CUT } from '../../../../test-utils/stream-rule-cases.js'
import { useChat } from '../../src/chat/index.js'
import { AUTH, useMockReplies } from './mock-replies.js'

const reply = useMockReplies()

describe('useChat and the stream rules of the core', () => {
  it('marks an n: 2 reply failed, not done, when it ends while choice 1 is still writing', async () => {
    const route = await reply({ ...CHOICE_1_CUT, endAfter: 4 })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false, body: { n: 2 } })
    await chat.send('Hi')
    const message = chat.messages.value.at(-1)
    expect(message).toMatchObject({ content: 'Zero.', status: 'error' })
    expect(message?.error?.code).toBe('incomplete_stream')
    expect(route.requests[0]?.body).toMatchObject({ n: 2 })
  })

  it('marks it failed too when the connection drops there', async () => {
    const route = await reply({ ...CHOICE_1_CUT, dropAfter: 4 })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false, body: { n: 2 } })
    await chat.send('Hi')
    expect(chat.messages.value.at(-1)).toMatchObject({ content: 'Zero.', status: 'error' })
  })

  it('adds up every usage count of a reply continued by hand, reasoning tokens included', async () => {
    const usage = (completion: number, reasoning: number) => ({
      prompt_tokens: 10,
      completion_tokens: completion,
      total_tokens: 10 + completion,
      completion_tokens_details: { reasoning_tokens: reasoning },
    })
    const route = await reply({
      chunks: ['Cut by the'],
      finishReason: 'length',
      usage: usage(4, 3),
    })
    const chat = useChat({
      endpoint: route.url,
      headers: AUTH,
      typewriter: false,
      continuation: false,
      body: { stream_options: { include_usage: true } },
    })
    await chat.send('Hi')
    expect(chat.messages.value.at(-1)?.finishReason).toBe('length')
    route.mock.script({ chunks: [' limit.'], usage: usage(2, 1) })
    await chat.continue()
    expect(chat.messages.value.at(-1)).toMatchObject({
      content: 'Cut by the limit.',
      status: 'done',
      // Two requests: both prompts were paid for, and the old three-field sum lost the details.
      usage: {
        prompt_tokens: 20,
        completion_tokens: 6,
        total_tokens: 26,
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    })
  })
})
