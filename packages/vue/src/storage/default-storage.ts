import type { ChatStorage } from './chat-storage.js'
import { createIndexedDBStorage } from './indexeddb-storage.js'

let shared: ChatStorage | undefined

/** The IndexedDB storage `storage: true` means, one per page so the chat and the list share it. */
export function defaultStorage(): ChatStorage {
  shared ??= createIndexedDBStorage()
  return shared
}
