// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { canContinue, useChat } from '../../src/chat/index.js'
import {
  createIndexedDBStorage,
  createMemoryStorage,
  useConversations,
} from '../../src/storage/index.js'
import type { ChatStorage } from '../../src/storage/index.js'
import { AUTH, endless, useMockReplies } from '../chat/mock-replies.js'
import { until } from '../chat/wait.js'
import { conversation } from './stored-conversation.js'

const reply = useMockReplies()

/** A chat in its own scope, as a component would hold it; `close()` is the component unmounting. */
function chatOn(storage: ChatStorage, endpoint: string) {
  const scope = effectScope()
  const chat = scope.run(() => useChat({ endpoint, headers: AUTH, typewriter: false, storage }))!
  return Object.assign(chat, { close: () => scope.stop() })
}

describe('useChat with storage', () => {
  it('saves the conversation under a new id once sent, and opens it again in another chat', async () => {
    const route = await reply({ chunks: ['Hello', ' there'] })
    const storage = createMemoryStorage()
    const chat = chatOn(storage, route.url)
    expect(chat.conversationId.value).toBeUndefined()
    await chat.send('Hi,   how are you?')
    const id = chat.conversationId.value!
    expect(id).toBeTruthy()
    // The finished reply is saved at once: the next task finds it stored.
    await new Promise((resolve) => setTimeout(resolve))
    const saved = await storage.load(id)
    expect(saved).toMatchObject({ id, title: 'Hi, how are you?' })
    expect(Object.values(saved!.tree.nodes).map((node) => node.message.status)).toEqual([
      'done',
      'done',
    ])
    chat.close()

    const again = chatOn(storage, route.url)
    again.conversationId.value = id
    await until(() => again.messages.value.length === 2)
    expect(again.messages.value.map((m) => m.content)).toEqual([
      'Hi,   how are you?',
      'Hello there',
    ])
    again.close()
  })

  it('shows a storage error and keeps everything on screen when saving fails (quota full)', async () => {
    const route = await reply({ chunks: ['Kept'] })
    const full: ChatStorage = {
      ...createMemoryStorage(),
      save: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
    }
    const chat = chatOn(full, route.url)
    await chat.send('Hi')
    await until(() => chat.storageError.value !== undefined)
    expect(chat.storageError.value?.code).toBe('quota_exceeded')
    expect(chat.messages.value.map((m) => m.content)).toEqual(['Hi', 'Kept'])
    chat.close()
  })

  it('opens a reply that was streaming without a stream to follow as interrupted, ready to continue', async () => {
    const storage = createMemoryStorage()
    const saved = conversation('c')
    saved.tree.nodes.u1!.childIds = ['a1']
    saved.tree.nodes.u1!.activeChildId = 'a1'
    saved.tree.nodes.a1 = {
      id: 'a1',
      parentId: 'u1',
      childIds: [],
      activeChildId: null,
      message: { id: 'a1', role: 'assistant', content: 'Half', reasoning: '', status: 'streaming' },
    }
    await storage.save(saved)
    const chat = chatOn(storage, 'http://127.0.0.1:9/unused')
    chat.conversationId.value = 'c'
    await until(() => chat.messages.value.length === 2)
    const last = chat.messages.value[1]!
    expect(last).toMatchObject({
      status: 'error',
      content: 'Half',
      error: { code: 'incomplete_stream' },
    })
    expect(canContinue(last)).toBe(true)
    chat.close()
  })

  it('starts a new conversation on clear() and leaves the old one stored', async () => {
    const route = await reply({ chunks: ['One'] })
    const storage = createMemoryStorage()
    const chat = chatOn(storage, route.url)
    await chat.send('First')
    const first = chat.conversationId.value!
    chat.clear()
    expect(chat.conversationId.value).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve))
    expect((await storage.list()).map((item) => item.id)).toEqual([first])
    chat.close()
  })

  it('keeps a reply that was streaming when a new chat starts, stopped, with what had arrived', async () => {
    const route = await reply(endless())
    const storage = createMemoryStorage()
    const chat = chatOn(storage, route.url)
    void chat.send('Talk')
    await until(() => (chat.messages.value[1]?.content.length ?? 0) > 20)
    const id = chat.conversationId.value!
    chat.clear()
    await until(() => chat.isBusy.value === false)
    let saved: Awaited<ReturnType<ChatStorage['load']>>
    await until(() => {
      void storage.load(id).then((value) => (saved = value))
      return saved?.tree.nodes[Object.keys(saved.tree.nodes)[1]!]?.message.status === 'stopped'
    })
    const partial = Object.values(saved!.tree.nodes)[1]!.message
    expect(partial.content.length).toBeGreaterThan(20)
    expect(saved!.inFlight).toBeUndefined()
    expect(await route.closedEarly()).toBe(true)
    chat.close()
  })
})

describe('conversations across tabs', () => {
  it('a list in another tab hears of a new conversation, a rename and a delete without reloading', async () => {
    const route = await reply({ chunks: ['Hi back'] })
    const indexedDB = new IDBFactory()
    // Two storages on one database: two tabs of the origin.
    const tabOne = createIndexedDBStorage({ indexedDB, name: 'sync-test' })
    const tabTwo = createIndexedDBStorage({ indexedDB, name: 'sync-test' })
    const scope = effectScope()
    const list = scope.run(() => useConversations(tabTwo))!
    await until(() => list.loaded.value)
    const chat = chatOn(tabOne, route.url)
    await chat.send('Hello from tab one')
    const id = chat.conversationId.value!
    await until(() => list.conversations.value.length > 0)
    expect(list.conversations.value.map((item) => item.title)).toEqual(['Hello from tab one'])

    const own = scope.run(() => useConversations(tabOne))!
    await own.rename(id, 'Renamed in tab one')
    await until(() => list.conversations.value[0]?.title === 'Renamed in tab one')
    expect(list.conversations.value[0]?.title).toBe('Renamed in tab one')

    await list.remove(id)
    // The chat showing it in the other tab lets it go.
    await until(() => chat.conversationId.value === undefined)
    expect(chat.conversationId.value).toBeUndefined()
    expect(chat.messages.value).toEqual([])
    await list.undo()
    expect((await tabOne.list()).map((item) => item.title)).toEqual(['Renamed in tab one'])
    chat.close()
    scope.stop()
  })

  it('searches titles and message text, every word, ignoring case', async () => {
    const storage = createMemoryStorage()
    await storage.save(
      conversation('a', { title: 'Trip to Kyoto', text: 'temples and gardens', updatedAt: 1 }),
    )
    await storage.save(conversation('b', { title: 'Tax return', text: 'deductions', updatedAt: 2 }))
    const scope = effectScope()
    const list = scope.run(() => useConversations(storage))!
    await until(() => list.loaded.value)
    expect(list.results.value.map((item) => item.id)).toEqual(['b', 'a'])
    list.query.value = 'kyoto GARDENS'
    expect(list.results.value.map((item) => item.id)).toEqual(['a'])
    list.query.value = 'kyoto deductions'
    expect(list.results.value).toEqual([])
    scope.stop()
  })
})
