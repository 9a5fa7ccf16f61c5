import { computed, getCurrentScope, onScopeDispose, shallowRef } from 'vue'
import type { ComputedRef, Ref } from 'vue'
import type { ChatStorage, ConversationSummary, StoredConversation } from './chat-storage.js'
import { ChatStorageError } from './chat-storage-error.js'
import { syncOf } from './conversation-sync.js'
import { titleOf } from './conversation-text.js'
import { importConversation } from './export-conversation.js'
import { summaryOf } from './memory-storage.js'
import { fromStoredTree } from './stored-tree.js'

/** What `useConversations` returns. */
export interface UseConversationsReturn {
  /** Every conversation, newest (last changed) first; kept up to date across tabs. */
  conversations: Readonly<Ref<readonly ConversationSummary[]>>
  /** Search text: conversations whose title or messages contain every word of it. */
  query: Ref<string>
  /** `conversations` that match `query`, newest first. */
  results: ComputedRef<readonly ConversationSummary[]>
  /** False until the list was read once. */
  loaded: Readonly<Ref<boolean>>
  /** Why the last storage operation failed, until one succeeds. */
  error: Readonly<Ref<ChatStorageError | undefined>>
  /** The conversation deleted last, while `undo()` can bring it back. */
  deleted: Readonly<Ref<ConversationSummary | undefined>>
  refresh(): Promise<void>
  /** Gives conversation `id` a title of the user's; a blank one goes back to the first message. */
  rename(id: string, title: string): Promise<void>
  /** Deletes it, everywhere; `undo()` restores it until the next delete. */
  remove(id: string): Promise<void>
  undo(): Promise<void>
  /** Saves the JSON of an exported conversation as a new conversation; resolves with its id. */
  importJSON(json: string): Promise<string>
  load(id: string): Promise<StoredConversation | undefined>
}

const newest = (a: ConversationSummary, b: ConversationSummary) => b.updatedAt - a.updatedAt

const newId = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36)}`

/** True when `summary` contains every word of `query`, ignoring case. */
export function matchesQuery(summary: ConversationSummary, query: string): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = `${summary.title}\n${summary.text}`.toLocaleLowerCase()
  return words.every((word) => haystack.includes(word))
}

/**
 * The conversations kept in `storage`, for a list of them (`<ChatConversations>` is one): sorted,
 * searchable, renamed and deleted with undo, and refreshed when this tab's chat or another tab
 * changes them.
 */
export function useConversations(storage: ChatStorage): UseConversationsReturn {
  const sync = syncOf(storage)
  const self = newId()
  const conversations = shallowRef<readonly ConversationSummary[]>([])
  const query = shallowRef('')
  const loaded = shallowRef(false)
  const error = shallowRef<ChatStorageError>()
  const deleted = shallowRef<ConversationSummary>()
  let removed: StoredConversation | undefined

  async function attempt<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await operation()
      error.value = undefined
      return result
    } catch (caught) {
      error.value = ChatStorageError.from(caught)
      return undefined
    }
  }

  // Reads are numbered: a slow older read never replaces a newer list.
  let reads = 0
  async function refresh(): Promise<void> {
    const read = ++reads
    const list = await attempt(() => storage.list())
    if (list === undefined || read !== reads) return
    conversations.value = [...list].sort(newest)
    loaded.value = true
  }

  async function write(conversation: StoredConversation): Promise<boolean> {
    const saved = await attempt(async () => {
      await storage.save(conversation)
      return true
    })
    if (saved !== true) return false
    sync.announce({ type: 'saved', id: conversation.id, by: self })
    return true
  }

  async function rename(id: string, title: string): Promise<void> {
    const stored = await attempt(() => storage.load(id))
    if (stored === undefined) return
    const text = title.replace(/\s+/g, ' ').trim()
    const { renamedAt: _renamedAt, ...rest } = stored
    await write(
      text === ''
        ? { ...rest, title: titleOf(fromStoredTree(stored.tree)), renamedAt: Date.now() }
        : { ...rest, title: text, renamedAt: Date.now() },
    )
  }

  async function remove(id: string): Promise<void> {
    const stored = await attempt(() => storage.load(id))
    const done = await attempt(async () => {
      await storage.delete(id)
      return true
    })
    if (done !== true) return
    removed = stored
    deleted.value = stored === undefined ? undefined : summaryOf(stored)
    sync.announce({ type: 'deleted', id, by: self })
  }

  async function undo(): Promise<void> {
    const conversation = removed
    if (conversation === undefined) return
    if (await write(conversation)) {
      removed = undefined
      deleted.value = undefined
    }
  }

  async function importJSON(json: string): Promise<string> {
    const conversation = importConversation(json, newId())
    if (!(await write(conversation))) throw error.value
    return conversation.id
  }

  // Changes arrive in bursts (a save every second while a reply streams): one read per task.
  let queued = false
  const unlisten = sync.listen(() => {
    if (queued) return
    queued = true
    setTimeout(() => {
      queued = false
      void refresh()
    })
  })
  if (getCurrentScope() !== undefined) onScopeDispose(unlisten)
  void refresh()

  return {
    conversations,
    query,
    results: computed(() => conversations.value.filter((item) => matchesQuery(item, query.value))),
    loaded,
    error,
    deleted,
    refresh,
    rename,
    remove,
    undo,
    importJSON,
    load: (id) => storage.load(id),
  }
}
