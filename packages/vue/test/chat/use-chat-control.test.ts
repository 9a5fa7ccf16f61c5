// @vitest-environment node
import { createManualClock } from '@typewriter-chat/core/testing'
import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { canContinue, describeChatError, useChat } from '../../src/chat/index.js'
import { AUTH, endless, failWith, useMockReplies } from './mock-replies.js'
import { sleep, until } from './wait.js'

const reply = useMockReplies()

describe('useChat stop', () => {
  it('aborts the request, keeps the partial reply and shows nothing more', async () => {
    const clock = createManualClock()
    const route = await reply(endless())
    const onAbort = vi.fn()
    const chat = useChat({ endpoint: route.url, headers: AUTH, clock, onAbort })
    const sent = chat.send('go')
    await until(() => (chat.messages.value.at(-1)?.content.length ?? 0) > 6, clock)
    await sleep(30)
    chat.stop()
    const stopped = chat.messages.value.at(-1)
    expect(stopped?.status).toBe('stopped')
    expect(chat.status.value).toBe('idle')
    expect(await route.closedEarly()).toBe(true)
    await sent
    for (let i = 0; i < 30; i++) clock.tick()
    await sleep(20)
    const after = chat.messages.value.at(-1)
    expect(after?.content).toBe(stopped?.content)
    // What arrived but was never typed stays available for history and continue().
    expect(after?.received?.startsWith(after.content)).toBe(true)
    expect(after?.received?.length).toBeGreaterThan(after?.content.length ?? 0)
    expect(onAbort).toHaveBeenCalledWith(after)
    expect(canContinue(after)).toBe(true)
  })

  it('continues a stopped reply in the same message', async () => {
    // The reply holds after three words (the connection stays open), so nothing arrives unseen
    // between the last frame and stop(): the continuation goes on from what the reply shows.
    const first = await reply({
      chunks: ['w0 ', 'w1 ', 'w2 ', 'w3 '],
      beforeChunk: (index) => (index < 3 ? undefined : new Promise<void>(() => undefined)),
    })
    const second = await reply({ chunks: [' and the end.'] })
    const endpoint = ref(first.url)
    const chat = useChat({ endpoint, headers: AUTH, typewriter: false })
    const sent = chat.send('tell me')
    await until(() => (chat.messages.value.at(-1)?.content.length ?? 0) > 6)
    chat.stop()
    await sent
    const partial = chat.messages.value.at(-1)
    endpoint.value = second.url
    await chat.continue()
    const messages = chat.messages.value
    expect(messages).toHaveLength(2)
    expect(messages[1]).toMatchObject({
      id: partial?.id,
      content: `${partial?.content} and the end.`,
      status: 'done',
      continuationRounds: 1,
    })
    const sentMessages = second.requests[0]?.body?.['messages'] as Array<{
      role: string
      content: string
    }>
    expect(sentMessages.slice(0, 2)).toEqual([
      { role: 'user', content: 'tell me' },
      { role: 'assistant', content: partial?.content },
    ])
    expect(sentMessages[2]?.role).toBe('user')
    expect(sentMessages[2]?.content).toMatch(/cut off/)
  })

  it('sums usage and speed over Stop → Continue, the stopped part counted from its chunks', async () => {
    const first = await reply({
      chunks: ['w0 ', 'w1 ', 'w2 ', 'w3 '],
      delayMs: 5,
      beforeChunk: (index) => (index < 3 ? undefined : new Promise<void>(() => undefined)),
    })
    const second = await reply({
      chunks: [' and', ' the', ' end.'],
      delayMs: 5,
      usage: { prompt_tokens: 20, completion_tokens: 141, total_tokens: 161 },
    })
    const endpoint = ref(first.url)
    const chat = useChat({
      endpoint,
      headers: AUTH,
      body: { stream_options: { include_usage: true } },
      typewriter: false,
    })
    const sent = chat.send('tell me')
    await until(() => chat.messages.value.at(-1)?.content === 'w0 w1 w2 ')
    chat.stop()
    await sent
    const stopped = chat.messages.value.at(-1)
    expect(stopped?.usage?.completion_tokens).toBe(3)
    expect(stopped?.usageEstimated).toBe(true)
    endpoint.value = second.url
    await chat.continue()
    const whole = chat.messages.value.at(-1)
    expect(whole?.usage).toMatchObject({ completion_tokens: 144, prompt_tokens: 20 })
    expect(whole?.usageEstimated).toBe(true)
    // The first token is the first request's; time spent generating adds up over both requests.
    expect(whole?.metrics?.timeToFirstTokenMs).toBe(stopped?.metrics?.timeToFirstTokenMs)
    expect(whole?.metrics?.generationMs).toBeGreaterThan(stopped?.metrics?.generationMs ?? 0)
    expect(whole?.metrics?.durationMs).toBeGreaterThan(stopped?.metrics?.durationMs ?? 0)
    expect(whole?.metrics).toMatchObject({ tokensPerSecondEstimated: true })
  })

  it('continues a reply cut by the token limit', async () => {
    const first = await reply({ chunks: ['Half'], finishReason: 'length' })
    const second = await reply({ chunks: [' whole'] })
    const endpoint = ref(first.url)
    const chat = useChat({ endpoint, headers: AUTH, typewriter: false })
    await chat.send('go')
    expect(canContinue(chat.messages.value.at(-1))).toBe(true)
    endpoint.value = second.url
    await chat.continue()
    expect(chat.messages.value.at(-1)).toMatchObject({
      content: 'Half whole',
      finishReason: 'stop',
    })
  })
})

describe('useChat regenerate and clear', () => {
  it('replaces the last reply with a new answer to the same question', async () => {
    const first = await reply({ chunks: ['First'] })
    const second = await reply({ chunks: ['Second'] })
    const endpoint = ref(first.url)
    const chat = useChat({ endpoint, headers: AUTH, typewriter: false })
    await chat.send('Q')
    const before = chat.messages.value.at(-1)
    endpoint.value = second.url
    await chat.regenerate()
    expect(chat.messages.value.map((message) => message.content)).toEqual(['Q', 'Second'])
    expect(chat.messages.value.at(-1)?.id).not.toBe(before?.id)
    expect(second.requests[0]?.body?.['messages']).toEqual([{ role: 'user', content: 'Q' }])
  })

  it('clear stops the reply and empties the conversation', async () => {
    const route = await reply(endless())
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    const sent = chat.send('go')
    await until(() => chat.status.value === 'streaming')
    chat.clear()
    expect(await route.closedEarly()).toBe(true)
    await sent
    expect(chat.messages.value).toEqual([])
    expect(chat.status.value).toBe('idle')
  })
})

describe('useChat errors', () => {
  it.each([
    [401, {}, 'unauthorized', undefined],
    [429, { 'retry-after': '7' }, 'rateLimited', 7],
    [500, {}, 'upstreamUnavailable', undefined],
    [503, {}, 'upstreamUnavailable', undefined],
  ])('exposes HTTP %i with its status and retry time', async (status, headers, key, retryAfter) => {
    const route = await reply(failWith(status, undefined, headers))
    const onError = vi.fn()
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false, onError })
    await chat.send('go')
    expect(chat.status.value).toBe('error')
    expect(chat.error.value).toMatchObject({ code: 'http_error', status, retryAfter })
    expect(chat.messages.value.at(-1)).toMatchObject({ status: 'error', error: chat.error.value })
    expect(describeChatError(chat.error.value!)).toMatchObject({ key, params: { status } })
    expect(onError).toHaveBeenCalledOnce()
    expect(route.requests).toHaveLength(1)
  })

  it('keeps the partial reply when the connection drops mid-stream', async () => {
    const clock = createManualClock()
    const route = await reply({ chunks: ['Partial answer'], dropAfter: 1 })
    const chat = useChat({ endpoint: route.url, headers: AUTH, clock })
    await chat.send('go')
    expect(chat.status.value).toBe('error')
    expect(chat.messages.value.at(-1)).toMatchObject({ content: 'Partial answer', status: 'error' })
    expect(describeChatError(chat.error.value!).key).toBe('connectionLost')
    expect(canContinue(chat.messages.value.at(-1))).toBe(true)
    expect(route.requests).toHaveLength(1)
  })

  it('clears the error on the next send', async () => {
    const bad = await reply(failWith(500))
    const good = await reply({ chunks: ['fine'] })
    const endpoint = ref(bad.url)
    const chat = useChat({ endpoint, headers: AUTH, typewriter: false })
    await chat.send('a')
    endpoint.value = good.url
    await chat.send('b')
    expect(chat.status.value).toBe('idle')
    expect(chat.error.value).toBeUndefined()
    expect(good.requests[0]?.body?.['messages']).toEqual([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ])
  })
})
