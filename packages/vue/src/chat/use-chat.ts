import { DEFAULT_CONTINUATION_INSTRUCTION, buildContinuationRequest } from '@typewriter-chat/core'
import type { ChatStreamError } from '@typewriter-chat/core'
import type { ChatStorageError } from '../storage/chat-storage-error.js'
import type { InFlightReply } from '../storage/chat-storage.js'
import { interrupted } from '../storage/interrupted-reply.js'
import { persistChat } from '../storage/persist-chat.js'
import { computed, getCurrentScope, onScopeDispose, shallowRef, toRaw, toValue } from 'vue'
import { fullText } from './chat-message.js'
import type { ChatMessageItem, ChatStatus } from './chat-message.js'
import { buildChatRequest } from './chat-request.js'
import {
  activePath,
  addMessage,
  emptyTree,
  findNode,
  selectVersion,
  treeFromMessages,
  updateMessage,
  versionsOf,
} from './message-tree.js'
import type { MessageTree, VersionTarget } from './message-tree.js'
import { runReply } from './run-reply.js'
import type { ReplyInput, ReplyRun } from './run-reply.js'
import { MAX_TOOL_ROUNDS } from './use-chat-options.js'
import type { SendOptions, UseChatOptions, UseChatReturn } from './use-chat-options.js'
import { runToolCalls } from './run-tool-calls.js'

const DEFAULT_ENDPOINT = '/api/chat'

let lastId = 0
// Unique within the page; a random prefix keeps ids from two tabs or a restored history apart.
const idPrefix = Math.random().toString(36).slice(2, 8)
const nextId = (): string => `${idPrefix}-${(++lastId).toString(36)}`

/** True when `continue()` can resume `message`: stopped, failed after some text, or cut by length. */
export function canContinue(message: ChatMessageItem | undefined): boolean {
  if (message?.role !== 'assistant') return false
  if (message.status === 'stopped') return true
  if (message.status === 'error') return fullText(message) !== ''
  return message.status === 'done' && message.finishReason === 'length'
}

/** A user callback must not break the chat; its error is reported and the reply goes on. */
function notify<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A) {
  try {
    callback?.(...args)
  } catch (error) {
    console.error(error)
  }
}

/**
 * A chat with an OpenAI-compatible endpoint (the relay by default), as reactive state.
 *
 * The conversation is a tree that keeps every version: an edit branches off from the edited
 * message, Regenerate adds a sibling reply. `messages` is the active path, what is shown and the
 * only thing sent to the model.
 *
 * One reply runs at a time: `send`, `edit`, `regenerate`, `continue` and `switchVersion` are
 * ignored while one is busy (a queued message would be answered without the reply it followed).
 * A request is never re-sent by itself: a failed reply stays failed, with its partial text, until
 * the user acts.
 *
 * @example
 * ```ts
 * const { messages, status, send, stop } = useChat({ systemPrompt: 'Be brief.' })
 * await send('Hello!')
 * ```
 */
export function useChat(options: UseChatOptions = {}): UseChatReturn {
  const tree = shallowRef<MessageTree>(
    treeFromMessages(
      (options.initialMessages ?? []).map((message) => ({
        ...message,
        id: message.id ?? nextId(),
      })),
    ),
  )
  // Writing a flat list starts a tree without versions, as `initialMessages` does; writing back
  // the list it gave (a v-model parent does, wrapped in a reactive proxy) keeps every version.
  const messages = computed({
    get: () => activePath(tree.value),
    set: (list: ChatMessageItem[]) => {
      if (toRaw(list) !== messages.value) tree.value = treeFromMessages(toRaw(list).map(toRaw))
    },
  })
  const status = shallowRef<ChatStatus>('idle')
  const error = shallowRef<ChatStreamError>()
  const isBusy = computed(() => status.value === 'submitted' || status.value === 'streaming')
  // The running reply; a reply that is no longer current (stopped, cleared) changes nothing.
  let current: { run?: ReplyRun; messageId: string } | undefined

  const find = (id: string): ChatMessageItem | undefined => findNode(tree.value, id)?.message
  const settings = () => ({
    systemPrompt: toValue(options.systemPrompt),
    model: toValue(options.model),
    continuation: toValue(options.continuation),
    tools: toValue(options.tools),
  })

  async function ask(
    source: ReplyInput['source'],
    assistant: ChatMessageItem,
    toolRound = 0,
  ): Promise<void> {
    const token: { run?: ReplyRun; messageId: string } = { messageId: assistant.id }
    current = token
    status.value = 'submitted'
    error.value = undefined
    // By id, not by position: the reply is written into its own node wherever the path goes.
    const update = (change: (message: ChatMessageItem) => ChatMessageItem): void => {
      if (current !== token) return
      tree.value = updateMessage(tree.value, assistant.id, change)
    }
    const headers = toValue(options.headers)
    const body = toValue(options.body)
    token.run = runReply({
      source,
      stream: {
        url: toValue(options.endpoint) ?? DEFAULT_ENDPOINT,
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(headers === undefined ? {} : { headers }),
        ...(body === undefined ? {} : { body }),
        ...(options.firstByteTimeoutMs === undefined
          ? {}
          : { firstByteTimeoutMs: options.firstByteTimeoutMs }),
        ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
      },
      message: assistant,
      typewriter: toValue(options.typewriter) ?? {},
      clock: options.clock,
      update,
      onStreaming() {
        if (current !== token) return
        status.value = 'streaming'
        update((message) => ({ ...message, status: 'streaming' }))
      },
      onDelta: (type, text) => notify(options.onDelta, { type, text, messageId: assistant.id }),
    })
    const end = await token.run.ended
    if (current !== token) return
    current = undefined
    const message = find(assistant.id)
    if (end === 'done') {
      if (message !== undefined && (await answerTools(message, toolRound))) return
      status.value = 'idle'
      if (message !== undefined) notify(options.onFinish, message)
    } else if (typeof end === 'object') {
      // A reply the server no longer holds after a reload: cut off, to continue, not a failure.
      const failure =
        'streamId' in source && end.error.status === 404 ? gone(assistant.id, end.error) : end.error
      status.value = 'error'
      error.value = failure
      notify(options.onError, failure, find(assistant.id))
    }
  }

  /**
   * A reply that ended to call tools: runs them through `onToolCall`, shows their results on it and
   * asks for the answer in a new reply after it. False when there is nothing to run (or too many
   * rounds ran in a row), and the reply simply ends.
   */
  async function answerTools(message: ChatMessageItem, toolRound: number): Promise<boolean> {
    const onToolCall = options.onToolCall
    const calls = message.toolCalls
    if (message.finishReason !== 'tool_calls' || onToolCall === undefined) return false
    if (calls === undefined || calls.length === 0 || toolRound >= MAX_TOOL_ROUNDS) return false
    const token = { messageId: message.id }
    current = token
    const results = await runToolCalls(calls, onToolCall)
    // Stopped or cleared while a tool ran: its result is for a conversation no longer asking.
    if (current !== token) return true
    tree.value = updateMessage(tree.value, message.id, (item) => ({ ...item, toolCalls: results }))
    const assistant = newAssistant()
    tree.value = addMessage(tree.value, message.id, assistant)
    await ask(
      { request: buildChatRequest(messages.value.slice(0, -1), settings()) },
      assistant,
      toolRound + 1,
    )
    return true
  }

  function gone(id: string, failure: ChatStreamError): ChatStreamError {
    tree.value = updateMessage(tree.value, id, interrupted)
    return find(id)?.error ?? failure
  }

  const newAssistant = (): ChatMessageItem => ({
    id: nextId(),
    role: 'assistant',
    content: '',
    reasoning: '',
    status: 'pending',
  })

  /** Adds `user` after `parentId` with an empty reply after it, and asks for that reply. */
  async function askAfter(parentId: string | null, user: ChatMessageItem): Promise<void> {
    const assistant = newAssistant()
    tree.value = addMessage(addMessage(tree.value, parentId, user), user.id, assistant)
    notify(options.onSend, user)
    await ask({ request: buildChatRequest(messages.value.slice(0, -1), settings()) }, assistant)
  }

  async function send(text: string, sendOptions: SendOptions = {}): Promise<void> {
    const attachments = sendOptions.attachments ?? []
    if (isBusy.value || (text.trim() === '' && attachments.length === 0)) return
    const user: ChatMessageItem = {
      id: nextId(),
      role: 'user',
      content: text,
      reasoning: '',
      status: 'done',
      ...(attachments.length === 0 ? {} : { attachments: [...attachments] }),
    }
    await askAfter(messages.value.at(-1)?.id ?? null, user)
  }

  async function edit(id: string, text: string): Promise<void> {
    const node = findNode(tree.value, id)
    if (isBusy.value || node?.message.role !== 'user') return
    // A message of attachments alone may stay without text.
    if (text.trim() === '' && (node.message.attachments?.length ?? 0) === 0) return
    // A new version beside the old one, which stays reachable with switchVersion().
    await askAfter(node.parentId, { ...node.message, id: nextId(), content: text })
  }

  async function regenerate(): Promise<void> {
    if (isBusy.value) return
    const list = messages.value
    const lastUser = list.findLast((message) => message.role === 'user')
    if (lastUser === undefined) return
    const assistant = newAssistant()
    // A sibling of the reply it replaces on screen: the old reply stays as another version.
    tree.value = addMessage(tree.value, lastUser.id, assistant)
    await ask({ request: buildChatRequest(messages.value.slice(0, -1), settings()) }, assistant)
  }

  function switchVersion(id: string, target: VersionTarget): void {
    if (isBusy.value) return
    const switched = selectVersion(tree.value, id, target)
    if (switched === tree.value) return
    tree.value = switched
    // The error was about a reply of the path just left; its message keeps its own error mark.
    if (status.value === 'error') {
      status.value = 'idle'
      error.value = undefined
    }
  }

  async function resume(): Promise<void> {
    const list = messages.value
    const last = list.at(-1)
    if (isBusy.value || last === undefined || !canContinue(last)) return
    const request = buildContinuationRequest({
      request: buildChatRequest(list.slice(0, -1), settings()),
      partial: fullText(last),
      instruction: DEFAULT_CONTINUATION_INSTRUCTION,
      round: 1,
    })
    const { error: _error, ...rest } = last
    const assistant: ChatMessageItem = { ...rest, status: 'pending' }
    tree.value = updateMessage(tree.value, last.id, () => assistant)
    await ask({ request }, assistant)
  }

  function stop(): void {
    const active = current
    if (active === undefined) return
    // Without a run, tools are running: their results are dropped when they come.
    active.run?.stop()
    current = undefined
    status.value = 'idle'
    const message = find(active.messageId)
    if (message !== undefined) notify(options.onAbort, message)
  }

  function clear(): void {
    // A kept conversation keeps its partial reply, as Stop leaves it, before a new one starts.
    if (options.storage !== undefined) stop()
    current?.run?.cancel()
    current = undefined
    tree.value = emptyTree()
    status.value = 'idle'
    error.value = undefined
  }

  if (getCurrentScope() !== undefined) onScopeDispose(() => current?.run?.cancel())

  function follow(messageId: string, inFlight: InFlightReply): void {
    const message = find(messageId)
    if (message === undefined || isBusy.value) return
    void ask({ streamId: inFlight.streamId, lastEventId: inFlight.lastEventId }, message)
  }

  const persisted =
    options.storage === undefined
      ? { conversationId: shallowRef<string>(), storageError: shallowRef<ChatStorageError>() }
      : persistChat({
          storage: options.storage,
          tree,
          isBusy: () => isBusy.value,
          progress: () => {
            const progress = current?.run?.progress()
            return progress && current ? { ...progress, messageId: current.messageId } : undefined
          },
          resume: follow,
          stop,
          cancel() {
            current?.run?.cancel()
            current = undefined
            status.value = 'idle'
            error.value = undefined
          },
          newId: nextId,
        })

  return {
    messages,
    tree,
    status,
    error,
    isBusy,
    send,
    edit,
    stop,
    regenerate,
    continue: resume,
    clear,
    versions: (id) => versionsOf(tree.value, id),
    switchVersion,
    conversationId: persisted.conversationId,
    storageError: persisted.storageError,
  }
}
