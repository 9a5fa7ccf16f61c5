// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'
import { activePath } from '../../src/chat/message-tree.js'
import { useChat } from '../../src/chat/index.js'
import type { ChatMessageItem, MessageTree, UseChatReturn } from '../../src/chat/index.js'
import type { MockPlan } from '@typewriter-chat/mock-openai'
import { AUTH, endless, failWith, useMockReplies } from './mock-replies.js'
import { until } from './wait.js'

const reply = useMockReplies()

const texts = (chat: UseChatReturn): string[] => chat.messages.value.map((item) => item.content)
const idOf = (chat: UseChatReturn, content: string): string =>
  chat.messages.value.find((item) => item.content === content)!.id

/**
 * A chat whose answers come from one mock each, a text or a whole plan: `next()` points it at the
 * next one, `sent(n)` is what request `n` (from 0) sent as `messages`.
 */
async function chatAnswering(
  answers: Array<string | MockPlan>,
  options: Parameters<typeof useChat>[0] = {},
) {
  const routes = await Promise.all(
    answers.map((answer) => reply(typeof answer === 'string' ? { chunks: [answer] } : answer)),
  )
  const endpoint = ref(routes[0]!.url)
  let asked = 0
  const chat = useChat({ endpoint, headers: AUTH, typewriter: false, ...options })
  const sent = (n: number) => routes[n]?.requests[0]?.body?.['messages']
  const next = () => (endpoint.value = routes[++asked]!.url)
  return { chat, sent, next }
}

describe('useChat edit', () => {
  it('asks again from the edited message and sends only the new branch', async () => {
    const { chat, sent, next } = await chatAnswering(['A1', 'A2', 'A2 edited'])
    await chat.send('Q1')
    next()
    await chat.send('Q2')
    next()
    await chat.edit(idOf(chat, 'Q2'), 'Q2 edited')
    expect(texts(chat)).toEqual(['Q1', 'A1', 'Q2 edited', 'A2 edited'])
    expect(sent(2)).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2 edited' },
    ])
    expect(chat.versions(idOf(chat, 'Q2 edited'))).toEqual({ index: 1, count: 2 })
    expect(chat.versions(idOf(chat, 'A1'))).toEqual({ index: 0, count: 1 })
  })

  it('keeps the old version with its reply, reachable by switching', async () => {
    const { chat, next } = await chatAnswering(['first answer', 'second answer'])
    await chat.send('first question')
    next()
    await chat.edit(idOf(chat, 'first question'), 'second question')
    const edited = idOf(chat, 'second question')
    chat.switchVersion(edited, 'previous')
    expect(texts(chat)).toEqual(['first question', 'first answer'])
    chat.switchVersion(idOf(chat, 'first question'), 'next')
    expect(texts(chat)).toEqual(['second question', 'second answer'])
    chat.switchVersion(edited, 0)
    expect(texts(chat)).toEqual(['first question', 'first answer'])
  })

  it('sends the path shown after a switch, and the next message follows it', async () => {
    const { chat, sent, next } = await chatAnswering(['A', 'B', 'after A'])
    await chat.send('ask A')
    next()
    await chat.edit(idOf(chat, 'ask A'), 'ask B')
    chat.switchVersion(idOf(chat, 'ask B'), 'previous')
    next()
    await chat.send('more')
    expect(sent(2)).toEqual([
      { role: 'user', content: 'ask A' },
      { role: 'assistant', content: 'A' },
      { role: 'user', content: 'more' },
    ])
    expect(texts(chat)).toEqual(['ask A', 'A', 'more', 'after A'])
  })

  it('notifies onSend with the new version and ignores blank text, replies and unknown ids', async () => {
    const onSend = vi.fn()
    const { chat, next } = await chatAnswering(['A', 'B'], { onSend })
    await chat.send('Q')
    next()
    const before = chat.tree.value
    await chat.edit(idOf(chat, 'Q'), '  ')
    await chat.edit(idOf(chat, 'A'), 'not a user message')
    await chat.edit('nope', 'text')
    expect(chat.tree.value).toBe(before)
    await chat.edit(idOf(chat, 'Q'), 'Q2')
    expect(onSend).toHaveBeenCalledTimes(2)
    expect(onSend.mock.calls[1]?.[0]).toMatchObject({ role: 'user', content: 'Q2' })
  })
})

describe('useChat regenerate keeps versions', () => {
  it('adds the new reply beside the old one, and only the shown one is sent next', async () => {
    const { chat, sent, next } = await chatAnswering(['old reply', 'new reply', 'fine'])
    await chat.send('Q')
    next()
    await chat.regenerate()
    expect(texts(chat)).toEqual(['Q', 'new reply'])
    expect(sent(1)).toEqual([{ role: 'user', content: 'Q' }])
    const newer = idOf(chat, 'new reply')
    expect(chat.versions(newer)).toEqual({ index: 1, count: 2 })
    chat.switchVersion(newer, 'previous')
    expect(texts(chat)).toEqual(['Q', 'old reply'])
    next()
    await chat.send('thanks')
    expect(sent(2)).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'old reply' },
      { role: 'user', content: 'thanks' },
    ])
  })
})

describe('useChat versions while busy', () => {
  it('ignores edit and switch while a reply runs, and the running reply is never lost', async () => {
    const { chat, next } = await chatAnswering(['one', 'two', endless()])
    await chat.send('Q')
    next()
    await chat.regenerate()
    next()
    const sent = chat.send('go on')
    await until(() => chat.status.value === 'streaming')
    const nodes = Object.keys(chat.tree.value.nodes)
    chat.switchVersion(idOf(chat, 'two'), 'previous')
    await chat.edit(idOf(chat, 'Q'), 'other')
    expect(texts(chat).slice(0, 3)).toEqual(['Q', 'two', 'go on'])
    expect(Object.keys(chat.tree.value.nodes)).toEqual(nodes)
    await until(() => (chat.messages.value.at(-1)?.content.length ?? 0) > 0)
    chat.stop()
    await sent
    expect(chat.messages.value.at(-1)).toMatchObject({ role: 'assistant', status: 'stopped' })
    expect(chat.messages.value.at(-1)?.content).not.toBe('')
  })

  it('a switch ends the error state of the path it leaves', async () => {
    const good = await reply({ chunks: ['fine'] })
    const bad = await reply(failWith(500))
    const endpoint = ref(good.url)
    const chat = useChat({ endpoint, headers: AUTH, typewriter: false })
    await chat.send('Q')
    endpoint.value = bad.url
    await chat.regenerate()
    expect(chat.status.value).toBe('error')
    chat.switchVersion(chat.messages.value.at(-1)!.id, 'previous')
    expect(chat.status.value).toBe('idle')
    expect(chat.error.value).toBeUndefined()
    expect(texts(chat)).toEqual(['Q', 'fine'])
    chat.switchVersion(chat.messages.value.at(-1)!.id, 'next')
    expect(chat.messages.value.at(-1)?.status).toBe('error')
  })
})

describe('useChat flat messages and the tree', () => {
  const flat: ChatMessageItem[] = [
    { id: 'u1', role: 'user', content: 'Q1', reasoning: '', status: 'done' },
    { id: 'a1', role: 'assistant', content: 'A1', reasoning: '', status: 'done' },
  ]

  it('starts from flat initial messages as one path without versions', async () => {
    const { chat, sent } = await chatAnswering(['A2'], { initialMessages: flat })
    expect(chat.messages.value).toEqual(flat)
    expect(chat.versions('u1')).toEqual({ index: 0, count: 1 })
    await chat.send('Q2')
    expect(sent(0)).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
    ])
  })

  it('keeps its versions when handed back its own list; another list replaces them all', async () => {
    const { chat, next } = await chatAnswering(['A', 'B'])
    await chat.send('Q')
    next()
    await chat.regenerate()
    const shown = chat.messages.value
    // What a v-model parent does with the list it was given: nothing changes.
    chat.messages.value = reactive(shown)
    expect(chat.messages.value).toBe(shown)
    expect(chat.versions(shown[1]!.id)).toEqual({ index: 1, count: 2 })
    chat.messages.value = flat
    expect(chat.messages.value).toEqual(flat)
    expect(Object.keys(chat.tree.value.nodes)).toEqual(['u1', 'a1'])
  })

  it('restores a tree that went through JSON, versions included', async () => {
    const { chat, next } = await chatAnswering(['A', 'B'])
    await chat.send('Q')
    next()
    await chat.edit(idOf(chat, 'Q'), 'Q again')
    const saved = JSON.stringify(chat.tree.value)
    const restored = useChat({ typewriter: false })
    restored.tree.value = JSON.parse(saved) as MessageTree
    expect(restored.messages.value).toEqual(activePath(chat.tree.value))
    restored.switchVersion(idOf(restored, 'Q again'), 'previous')
    expect(texts(restored)).toEqual(['Q', 'A'])
  })
})
