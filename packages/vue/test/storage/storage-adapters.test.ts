import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { createIndexedDBStorage, createMemoryStorage } from '../../src/storage/index.js'
import type { ChatStorage } from '../../src/storage/index.js'
import { conversation } from './stored-conversation.js'

const adapters: [string, () => ChatStorage][] = [
  ['memory', () => createMemoryStorage()],
  // A fresh factory per test: a real IndexedDB implementation, in memory.
  ['IndexedDB', () => createIndexedDBStorage({ indexedDB: new IDBFactory() })],
]

describe.each(adapters)('%s storage', (_name, create) => {
  it('saves, lists summaries without trees, loads whole and deletes', async () => {
    const storage = create()
    expect(await storage.list()).toEqual([])
    await storage.save(conversation('a'))
    await storage.save(conversation('b', { title: 'Second', updatedAt: 5 }))
    const list = await storage.list()
    expect(list.map((item) => item.id).sort()).toEqual(['a', 'b'])
    expect(list.find((item) => item.id === 'b')).toEqual({
      id: 'b',
      title: 'Second',
      createdAt: 1,
      updatedAt: 5,
      text: 'hello',
    })
    expect(await storage.load('a')).toEqual(conversation('a'))
    await storage.delete('a')
    await storage.delete('unknown')
    expect(await storage.load('a')).toBeUndefined()
    expect((await storage.list()).map((item) => item.id)).toEqual(['b'])
  })

  it('replaces a conversation saved again, and keeps no reference to what it was given', async () => {
    const storage = create()
    const first = conversation('a')
    await storage.save(first)
    first.title = 'changed after saving'
    await storage.save(conversation('a', { title: 'Renamed', renamedAt: 9 }))
    expect(await storage.list()).toMatchObject([{ id: 'a', title: 'Renamed', renamedAt: 9 }])
    const loaded = await storage.load('a')
    expect(loaded?.tree.nodes.u1?.message.attachments?.[0]).toMatchObject({ name: 'dot.png' })
  })
})

describe('IndexedDB storage', () => {
  it('is shared by two storages on the same database, as two tabs are, with a channel to tell them', async () => {
    const indexedDB = new IDBFactory()
    const one = createIndexedDBStorage({ indexedDB })
    const two = createIndexedDBStorage({ indexedDB })
    await one.save(conversation('a'))
    expect(await two.load('a')).toEqual(conversation('a'))
    expect(one.channel).toBe('typewriter-chat:typewriter-chat')
    expect(createIndexedDBStorage({ name: 'mine', indexedDB }).channel).toBe('typewriter-chat:mine')
  })

  it('rejects with the browser error when the database cannot open, and tries again later', async () => {
    let calls = 0
    const real = new IDBFactory()
    const flaky = {
      open(name: string, version?: number) {
        if (++calls === 1) throw new DOMException('blocked', 'UnknownError')
        return real.open(name, version)
      },
    } as unknown as IDBFactory
    const storage = createIndexedDBStorage({ indexedDB: flaky })
    await expect(storage.list()).rejects.toThrow('blocked')
    expect(await storage.list()).toEqual([])
  })
})
