import type { ChatStreamErrorCode } from '@typewriter-chat/core'
import type { ChatMessageItem } from '../chat/chat-message.js'
import type { MessageTreeNode } from '../chat/message-tree.js'

/** A message as stored: its error as plain data (an error object does not survive JSON or IndexedDB). */
export interface StoredMessage extends Omit<ChatMessageItem, 'error'> {
  error?: { code: ChatStreamErrorCode; message: string; status?: number }
}

/** A message tree as stored: `MessageTree` with {@link StoredMessage}s. Plain data. */
export interface StoredTree {
  nodes: Record<string, Omit<MessageTreeNode, 'message'> & { message: StoredMessage }>
  rootIds: string[]
  activeRootId: string | null
}

/** What a list of conversations shows of one, newest first by `updatedAt`. */
export interface ConversationSummary {
  id: string
  /** The user's title when renamed, else the start of the first user message. */
  title: string
  /** When the user renamed it (ms since the epoch); absent while the title follows the first message. */
  renamedAt?: number
  createdAt: number
  updatedAt: number
  /** The text of every message, for search. */
  text: string
}

/** The reply that was streaming when a conversation was saved: enough to resume it after a reload. */
export interface InFlightReply {
  messageId: string
  /** The relay's `X-Stream-Id`. */
  streamId: string
  /** The last event whose text the saved message holds. */
  lastEventId: string
}

/** A whole conversation as a {@link ChatStorage} keeps it. Plain data (structured-clone and JSON safe). */
export interface StoredConversation extends ConversationSummary {
  tree: StoredTree
  /**
   * When each message last changed in the tab that wrote it (ms since the epoch): two tabs saving
   * the same conversation keep, message by message, the later complete version.
   */
  messageTimes: Record<string, number>
  inFlight?: InFlightReply
}

/**
 * Where conversations are kept: `createIndexedDBStorage()` in the browser, `createMemoryStorage()`,
 * or your own (a server's API, say). Every method may reject; the chat then shows that saving
 * failed and keeps everything on screen.
 */
export interface ChatStorage {
  /** Every conversation's summary, in any order. */
  list(): Promise<ConversationSummary[]>
  load(id: string): Promise<StoredConversation | undefined>
  /** Creates or replaces the conversation `conversation.id`, summary included. */
  save(conversation: StoredConversation): Promise<void>
  /** Deletes it; deleting an unknown id is not an error. */
  delete(id: string): Promise<void>
  /**
   * The `BroadcastChannel` name that tabs sharing this storage announce changes on; absent, other
   * tabs are not told (a memory storage has nothing to share).
   */
  readonly channel?: string
}
