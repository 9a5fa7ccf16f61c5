import type { ChatStorage, ConversationSummary, StoredConversation } from './chat-storage.js'
import { summaryOf } from './memory-storage.js'

/** Options of {@link createIndexedDBStorage}. */
export interface IndexedDBStorageOptions {
  /** The database name; apps on one origin that must not share conversations pick their own. Default `typewriter-chat`. */
  name?: string
  /** The `IDBFactory`; default the global `indexedDB`. */
  indexedDB?: IDBFactory
}

// Summaries apart from the trees: listing never reads messages and their images.
const SUMMARIES = 'summaries'
const CONVERSATIONS = 'conversations'

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })

const committed = (transaction: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    // A full quota aborts the transaction with `QuotaExceededError` as its error.
    transaction.onabort = () => reject(transaction.error)
    transaction.onerror = () => reject(transaction.error)
  })

/**
 * Conversations kept in the browser's IndexedDB (attachments' images included), shared by the
 * tabs of the origin, which hear of each other's changes on a `BroadcastChannel`. The database
 * opens on first use.
 */
export function createIndexedDBStorage(options: IndexedDBStorageOptions = {}): ChatStorage {
  const name = options.name ?? 'typewriter-chat'
  let opened: Promise<IDBDatabase> | undefined
  const open = (): Promise<IDBDatabase> => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = options.indexedDB ?? globalThis.indexedDB
      const request = factory.open(name, 1)
      request.onupgradeneeded = () => {
        request.result.createObjectStore(SUMMARIES, { keyPath: 'id' })
        request.result.createObjectStore(CONVERSATIONS, { keyPath: 'id' })
      }
      request.onsuccess = () => {
        // Another tab upgrading the schema later must not wait on this connection.
        request.result.onversionchange = () => request.result.close()
        resolve(request.result)
      }
      request.onerror = () => reject(request.error)
    })
    // A failed open is tried again on the next call.
    opened.catch(() => (opened = undefined))
    return opened
  }
  async function write(change: (transaction: IDBTransaction) => void): Promise<void> {
    const transaction = (await open()).transaction([SUMMARIES, CONVERSATIONS], 'readwrite')
    const whenCommitted = committed(transaction)
    change(transaction)
    await whenCommitted
  }
  return {
    channel: `typewriter-chat:${name}`,
    async list() {
      const store = (await open()).transaction(SUMMARIES).objectStore(SUMMARIES)
      return done(store.getAll() as IDBRequest<ConversationSummary[]>)
    },
    async load(id) {
      const store = (await open()).transaction(CONVERSATIONS).objectStore(CONVERSATIONS)
      return done(store.get(id) as IDBRequest<StoredConversation | undefined>)
    },
    save: (conversation) =>
      write((transaction) => {
        transaction.objectStore(SUMMARIES).put(summaryOf(conversation))
        transaction.objectStore(CONVERSATIONS).put(conversation)
      }),
    delete: (id) =>
      write((transaction) => {
        transaction.objectStore(SUMMARIES).delete(id)
        transaction.objectStore(CONVERSATIONS).delete(id)
      }),
  }
}
