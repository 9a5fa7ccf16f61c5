import { getCurrentScope, onScopeDispose, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import { emptyTree, updateMessage } from '../chat/message-tree.js'
import type { MessageTree } from '../chat/message-tree.js'
import type { ReplyProgress } from '../chat/run-reply.js'
import type { ChatStorage, InFlightReply, StoredConversation } from './chat-storage.js'
import { ChatStorageError } from './chat-storage-error.js'
import { syncOf } from './conversation-sync.js'
import { isUnfinished, settleUnfinished } from './interrupted-reply.js'
import { searchTextOf, titleOf } from './conversation-text.js'
import { mergeConversation } from './merge-conversation.js'
import { changesOf, createSaveScheduler } from './save-policy.js'
import { fromStoredTree, toStoredTree } from './stored-tree.js'

/** How often a reply still streaming is saved: a crash or reload loses at most this much of it. */
export const STREAMING_SAVE_INTERVAL_MS = 1000

/** What {@link persistChat} needs of the chat. */
export interface PersistedChat {
  storage: ChatStorage
  tree: ShallowRef<MessageTree>
  isBusy: () => boolean
  /** The running reply's message and progress, if one runs. */
  progress: () => (ReplyProgress & { messageId: string }) | undefined
  /** Follows the reply `messageId` on the server after a reload. */
  resume: (messageId: string, inFlight: InFlightReply) => void
  /** Stops the running reply as Stop does (its conversation is being left). */
  stop: () => void
  /** Drops the running reply, if any, without touching the conversation. */
  cancel: () => void
  newId: () => string
}

/**
 * Keeps the chat's conversation in `storage`: saves as the save policy says, opens the
 * conversation `conversationId` is set to, resumes a reply a reload cut, and follows other tabs'
 * changes to it. Failures land in `storageError`; the chat on screen is never touched by them.
 */
export function persistChat(chat: PersistedChat): {
  conversationId: Ref<string | undefined>
  storageError: Ref<ChatStorageError | undefined>
} {
  const { storage, tree } = chat
  const sync = syncOf(storage)
  const self = chat.newId()
  const conversationId = shallowRef<string | undefined>()
  const storageError = shallowRef<ChatStorageError>()
  // The conversation shown (`conversationId` may be set to another one that is still loading).
  let id: string | undefined
  let createdAt = 0
  let messageTimes: Record<string, number> = {}
  // Tree changes made here (opening a conversation) are not the user's: nothing to save.
  let applying = false

  function record(tree: MessageTree): StoredConversation | undefined {
    if (id === undefined) return undefined
    let shown = tree
    const progress = chat.progress()
    let inFlight: InFlightReply | undefined
    if (progress !== undefined) {
      // The reply as received, not as typed so far, with the event it goes up to.
      shown = updateMessage(shown, progress.messageId, (message) => ({
        ...message,
        received: progress.received,
        reasoning: progress.reasoning,
      }))
      if (progress.streamId !== undefined)
        inFlight = {
          messageId: progress.messageId,
          streamId: progress.streamId,
          lastEventId: progress.lastEventId,
        }
    }
    const now = Date.now()
    return {
      id,
      title: titleOf(shown),
      createdAt,
      updatedAt: now,
      text: searchTextOf(shown),
      tree: toStoredTree(shown),
      messageTimes: { ...messageTimes },
      ...(inFlight === undefined ? {} : { inFlight }),
    }
  }

  /** Saves `shown` (by default what is on screen) as the conversation `id` is at the call. */
  async function save(shown = tree.value): Promise<void> {
    const conversation = record(shown)
    if (conversation === undefined) return
    try {
      const merged = mergeConversation(await storage.load(conversation.id), conversation)
      await storage.save(merged)
      storageError.value = undefined
      sync.announce({ type: 'saved', id: conversation.id, by: self })
    } catch (error) {
      storageError.value = ChatStorageError.from(error)
    }
  }
  const scheduler = createSaveScheduler(() => save(), STREAMING_SAVE_INTERVAL_MS)

  // Synchronous: a change is stamped when it happens, and a save asked for before the chat moves on.
  watch(
    tree,
    (after, before) => {
      if (applying) return
      // Emptied (`clear()`): a new conversation starts; the one left stays stored as it was.
      if (Object.keys(after.nodes).length === 0) {
        // Changes not yet written are written first, from the tree that held them.
        if (scheduler.pending) void save(before)
        leave()
        conversationId.value = undefined
        return
      }
      noteChange(before, after)
    },
    { flush: 'sync' },
  )

  function leave(): void {
    scheduler.cancel()
    id = undefined
    messageTimes = {}
  }

  function noteChange(before: MessageTree, after: MessageTree): void {
    const { urgency, changed } = changesOf(before, after)
    if (urgency === 'none') return
    const now = Date.now()
    for (const changedId of changed) messageTimes[changedId] = now
    if (id === undefined) {
      id = chat.newId()
      createdAt = now
      conversationId.value = id
    }
    scheduler.request(urgency)
  }

  function show(next: MessageTree): void {
    applying = true
    tree.value = next
    applying = false
  }

  async function open(target: string | undefined): Promise<void> {
    // What is on screen is written before it is left; a reply still running is stopped first.
    if (chat.isBusy()) chat.stop()
    if (scheduler.pending) {
      scheduler.cancel()
      await save()
    }
    chat.cancel()
    leave()
    id = target
    createdAt = Date.now()
    show(emptyTree())
    if (target === undefined) return
    let stored: StoredConversation | undefined
    try {
      stored = await storage.load(target)
    } catch (error) {
      storageError.value = ChatStorageError.from(error)
    }
    if (id !== target) return
    if (stored === undefined) return
    createdAt = stored.createdAt
    messageTimes = { ...stored.messageTimes }
    const { inFlight } = stored
    const loaded = settleUnfinished(fromStoredTree(stored.tree), inFlight?.messageId)
    show(loaded)
    const following = inFlight === undefined ? undefined : loaded.nodes[inFlight.messageId]
    if (inFlight !== undefined && following !== undefined && isUnfinished(following.message))
      chat.resume(inFlight.messageId, inFlight)
  }

  watch(conversationId, (target) => {
    if (target !== id) void open(target)
  })

  const unlisten = sync.listen(async (change) => {
    if (change.by === self || change.id !== id) return
    if (change.type === 'deleted') {
      chat.cancel()
      leave()
      show(emptyTree())
      conversationId.value = undefined
      return
    }
    // A reply running here, or changes not yet written, win: our next save merges theirs in.
    if (chat.isBusy() || scheduler.pending) return
    try {
      const stored = await storage.load(change.id)
      if (stored === undefined || id !== change.id || chat.isBusy() || scheduler.pending) return
      messageTimes = { ...stored.messageTimes }
      show(fromStoredTree(stored.tree))
    } catch (error) {
      storageError.value = ChatStorageError.from(error)
    }
  })

  // A tab being closed or reloaded writes the running reply's progress one last time.
  const onPageHide = (): void => {
    if (chat.isBusy()) void save()
  }
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onPageHide)
  if (getCurrentScope() !== undefined)
    onScopeDispose(() => {
      scheduler.dispose()
      unlisten()
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', onPageHide)
    })

  return { conversationId, storageError }
}
