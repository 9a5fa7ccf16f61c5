import type { ChatStorage } from './chat-storage.js'

/** A change to the conversations of a storage, as tabs tell each other. */
export type ConversationChange =
  { type: 'saved'; id: string; by: string } | { type: 'deleted'; id: string; by: string }

/** Tells the listeners of one storage, in this tab and in the others, about changes. */
export interface ConversationSync {
  /** Who is writing; changes a writer made itself are told to it too, with its own `by`. */
  announce(change: ConversationChange): void
  listen(listener: (change: ConversationChange) => void): () => void
}

const syncs = new WeakMap<ChatStorage, ConversationSync>()

/**
 * The sync of `storage`, one per storage object in a page: the chat and the conversation list
 * of a tab hear each other directly, and other tabs through the storage's `BroadcastChannel`.
 */
export function syncOf(storage: ChatStorage): ConversationSync {
  let sync = syncs.get(storage)
  if (sync === undefined) {
    sync = createSync(storage.channel)
    syncs.set(storage, sync)
  }
  return sync
}

function isChange(value: unknown): value is ConversationChange {
  const change = value as Partial<ConversationChange> | null
  return (
    typeof change === 'object' &&
    change !== null &&
    (change.type === 'saved' || change.type === 'deleted') &&
    typeof change.id === 'string' &&
    typeof change.by === 'string'
  )
}

function createSync(channelName: string | undefined): ConversationSync {
  const listeners = new Set<(change: ConversationChange) => void>()
  // Opened while someone listens: an open channel keeps a page out of the back/forward cache.
  let channel: BroadcastChannel | undefined
  const tell = (change: ConversationChange) => {
    for (const listener of listeners) listener(change)
  }
  return {
    announce(change) {
      channel?.postMessage(change)
      tell(change)
    },
    listen(listener) {
      listeners.add(listener)
      if (
        channel === undefined &&
        channelName !== undefined &&
        typeof BroadcastChannel === 'function'
      ) {
        channel = new BroadcastChannel(channelName)
        channel.onmessage = (event: MessageEvent) => {
          if (isChange(event.data)) tell(event.data)
        }
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) {
          channel?.close()
          channel = undefined
        }
      }
    },
  }
}
