export type {
  ChatStorage,
  ConversationSummary,
  InFlightReply,
  StoredConversation,
  StoredMessage,
  StoredTree,
} from './chat-storage.js'
export { ChatStorageError } from './chat-storage-error.js'
export type { ChatStorageErrorCode } from './chat-storage-error.js'
export { createMemoryStorage } from './memory-storage.js'
export { createIndexedDBStorage } from './indexeddb-storage.js'
export type { IndexedDBStorageOptions } from './indexeddb-storage.js'
export { useConversations } from './use-conversations.js'
export type { UseConversationsReturn } from './use-conversations.js'
export {
  conversationToJSON,
  conversationToMarkdown,
  importConversation,
} from './export-conversation.js'
