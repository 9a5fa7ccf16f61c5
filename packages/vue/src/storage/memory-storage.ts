import type { ChatStorage, ConversationSummary, StoredConversation } from './chat-storage.js'

/** The summary part of a stored conversation. */
export function summaryOf(conversation: StoredConversation): ConversationSummary {
  const { tree: _tree, messageTimes: _times, inFlight: _inFlight, ...summary } = conversation
  return summary
}

/**
 * Conversations kept in this page's memory: gone on reload. For tests, server rendering, or an
 * app that wants the conversation list without persistence. Copies in and out, as a real storage
 * does, so a caller's later changes never reach what was saved.
 */
export function createMemoryStorage(): ChatStorage {
  const conversations = new Map<string, StoredConversation>()
  return {
    list: () => Promise.resolve([...conversations.values()].map(summaryOf)),
    load: (id) => Promise.resolve(structuredCloneOf(conversations.get(id))),
    save(conversation) {
      conversations.set(conversation.id, structuredClone(conversation))
      return Promise.resolve()
    },
    delete(id) {
      conversations.delete(id)
      return Promise.resolve()
    },
  }
}

const structuredCloneOf = <T>(value: T | undefined): T | undefined =>
  value === undefined ? undefined : structuredClone(value)
