// @vitest-environment node
import { createManualClock } from '@typewriter-chat/core/testing'
import { describe, expect, it } from 'vitest'
import { computed, ref, watch } from 'vue'
import { useChat } from '../../src/chat/index.js'
import type { ChatMessageItem } from '../../src/chat/index.js'
import { AUTH, useMockReplies } from './mock-replies.js'
import { sleep, until } from './wait.js'

const reply = useMockReplies()

const last = (messages: ChatMessageItem[]): ChatMessageItem | undefined => messages.at(-1)

describe('useChat send', () => {
  it('goes submitted → streaming → idle and ends with the whole reply', async () => {
    const route = await reply({ chunks: ['Hel', 'lo', ' there'], delayMs: 5 })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    const statuses: string[] = []
    watch(chat.status, (value) => statuses.push(value), { flush: 'sync' })
    await chat.send('Hi')
    expect(statuses).toEqual(['submitted', 'streaming', 'idle'])
    expect(
      chat.messages.value.map(({ role, content, status }) => ({ role, content, status })),
    ).toEqual([
      { role: 'user', content: 'Hi', status: 'done' },
      { role: 'assistant', content: 'Hello there', status: 'done' },
    ])
    expect(last(chat.messages.value)?.finishReason).toBe('stop')
    expect(chat.isBusy.value).toBe(false)
  })

  it('sends the system prompt, the full history, model, extra body, continuation and headers', async () => {
    const route = await reply({ chunks: ['ok'] })
    const model = ref('model-a')
    const chat = useChat({
      endpoint: () => route.url,
      typewriter: false,
      model,
      systemPrompt: 'Be brief.',
      body: { temperature: 0.2 },
      headers: () => ({ authorization: 'Bearer t' }),
      continuation: false,
      initialMessages: [
        { role: 'user', content: 'Q1', reasoning: '', status: 'done' },
        // Stopped while the typewriter was behind: the model gets everything it wrote.
        {
          role: 'assistant',
          content: 'Part',
          received: 'Part and rest',
          reasoning: 'why',
          status: 'stopped',
        },
        { role: 'assistant', content: '', reasoning: '', status: 'error' },
      ],
    })
    model.value = 'model-b'
    await chat.send('Q2')
    const received = route.requests[0]
    expect(received?.headers['authorization']).toBe('Bearer t')
    expect(received?.body).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Q1' },
        { role: 'assistant', content: 'Part and rest' },
        { role: 'user', content: 'Q2' },
      ],
      model: 'model-b',
      continuation: false,
      temperature: 0.2,
      stream: true,
    })
  })

  it('keeps computed values over messages up to date while streaming', async () => {
    const clock = createManualClock()
    const parts = ['a', 'b', 'c']
    let release: () => void = () => undefined
    const route = await reply({
      chunks: parts,
      // Each token (and the end) waits until the test has seen the one before it.
      beforeChunk: (index) =>
        index === 0 ? undefined : new Promise<void>((resolve) => (release = resolve)),
    })
    const chat = useChat({ endpoint: route.url, headers: AUTH, clock, typewriter: false })
    const lastContent = computed(() => last(chat.messages.value)?.content)
    const count = computed(() => chat.messages.value.length)
    const seen: Array<string | undefined> = []
    watch(lastContent, (value) => seen.push(value), { flush: 'sync' })
    const done = chat.send('go')
    // One token per frame: each shows up on its own.
    for (let token = 1; token <= parts.length; token++) {
      await until(() => lastContent.value?.length === token, clock)
      release()
    }
    await until(() => chat.status.value === 'idle', clock)
    await done
    expect(count.value).toBe(2)
    expect(lastContent.value).toBe('abc')
    expect(seen).toEqual(['', 'a', 'ab', 'abc'])
  })

  it('with the typewriter off, shows what arrived between two frames in one update', async () => {
    const clock = createManualClock()
    const parts = Array.from({ length: 50 }, (_, index) => `${index} `)
    const route = await reply({ chunks: parts })
    const chat = useChat({ endpoint: route.url, headers: AUTH, clock, typewriter: false })
    const updates: string[] = []
    watch(
      () => last(chat.messages.value)?.content,
      (value) => updates.push(value ?? ''),
      { flush: 'sync' },
    )
    const done = chat.send('go')
    // No frame until the whole stream was sent and read: it all arrived "between two frames".
    await until(() => route.requests[0]?.closedAt !== undefined)
    await sleep(100)
    expect(updates).toEqual([''])
    await until(() => chat.status.value === 'idle', clock)
    await done
    expect(updates.at(-1)).toBe(parts.join(''))
    // A render per frame, not per event: 50 events, far fewer updates.
    expect(updates.length).toBeLessThan(10)
  })

  it('ignores a send while a reply is running', async () => {
    const route = await reply({ chunks: ['x', 'y'], delayMs: 20 })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    const first = chat.send('one')
    await chat.send('two')
    await first
    expect(route.requests).toHaveLength(1)
    expect(chat.messages.value.map((message) => message.content)).toEqual(['one', 'xy'])
  })

  it('paces the reply with the typewriter and shows it all once done', async () => {
    const clock = createManualClock()
    const route = await reply({ chunks: ['abcdefghij'.repeat(4)] })
    const chat = useChat({
      endpoint: route.url,
      headers: AUTH,
      clock,
      typewriter: { charsPerSecond: 60 },
    })
    const sent = chat.send('go')
    await until(() => (last(chat.messages.value)?.content.length ?? 0) > 0, clock)
    expect(last(chat.messages.value)?.content.length).toBeLessThan(40)
    await until(() => chat.status.value === 'idle', clock)
    await sent
    expect(last(chat.messages.value)).toMatchObject({
      content: 'abcdefghij'.repeat(4),
      status: 'done',
    })
  })
})

describe('useChat reasoning and metrics', () => {
  it('moves a <think> block split across chunks and reasoning deltas out of the content', async () => {
    const route = await reply({
      chunks: [
        { reasoning_content: 'Plan. ' },
        '<thi',
        'nk>Let me ',
        'think</th',
        'ink>\n\nAns',
        'wer',
      ],
      delayMs: 2,
    })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    await chat.send('?')
    expect(last(chat.messages.value)).toMatchObject({
      content: 'Answer',
      reasoning: 'Plan. Let me think',
    })
  })

  it('reports usage, time to first token and tokens per second', async () => {
    const route = await reply({
      chunks: ['a', 'b', 'c'],
      delayMs: 10,
      usage: { prompt_tokens: 5, completion_tokens: 30, total_tokens: 35 },
    })
    const chat = useChat({
      endpoint: route.url,
      headers: AUTH,
      // An OpenAI-compatible server sends usage only when asked to.
      body: { stream_options: { include_usage: true } },
      typewriter: false,
    })
    await chat.send('go')
    const message = last(chat.messages.value)
    expect(message?.usage?.completion_tokens).toBe(30)
    expect(message?.metrics?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0)
    expect(message?.metrics?.tokensPerSecond).toBeGreaterThan(0)
    expect(message?.metrics?.tokensPerSecondEstimated).toBeUndefined()
  })

  it('estimates tokens per second when the server sends no usage', async () => {
    const route = await reply({ chunks: ['some ', 'words'], delayMs: 10 })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    await chat.send('go')
    expect(last(chat.messages.value)?.metrics).toMatchObject({ tokensPerSecondEstimated: true })
  })
})
