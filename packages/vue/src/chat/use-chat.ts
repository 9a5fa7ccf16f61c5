import { DEFAULT_CONTINUATION_INSTRUCTION, buildContinuationRequest } from '@typewriter-chat/core'
import type { ChatRequest, ChatStreamError } from '@typewriter-chat/core'
import { computed, getCurrentScope, onScopeDispose, shallowRef, toValue } from 'vue'
import { fullText } from './chat-message.js'
import type { ChatMessageItem, ChatStatus } from './chat-message.js'
import { buildChatRequest } from './chat-request.js'
import { runReply } from './run-reply.js'
import type { ReplyRun } from './run-reply.js'
import type { UseChatOptions, UseChatReturn } from './use-chat-options.js'

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
 * One reply runs at a time: `send`, `regenerate` and `continue` are ignored while one is busy (a
 * queued message would be answered without the reply it followed). A request is never re-sent by
 * itself: a failed reply stays failed, with its partial text, until the user acts.
 *
 * @example
 * ```ts
 * const { messages, status, send, stop } = useChat({ systemPrompt: 'Be brief.' })
 * await send('Hello!')
 * ```
 */
export function useChat(options: UseChatOptions = {}): UseChatReturn {
  const messages = shallowRef<ChatMessageItem[]>(
    (options.initialMessages ?? []).map((message) => ({ ...message, id: message.id ?? nextId() })),
  )
  const status = shallowRef<ChatStatus>('idle')
  const error = shallowRef<ChatStreamError>()
  const isBusy = computed(() => status.value === 'submitted' || status.value === 'streaming')
  // The running reply; a reply that is no longer current (stopped, cleared) changes nothing.
  let current: { run?: ReplyRun } | undefined

  const find = (id: string): ChatMessageItem | undefined =>
    messages.value.find((message) => message.id === id)
  const settings = () => ({
    systemPrompt: toValue(options.systemPrompt),
    model: toValue(options.model),
    continuation: toValue(options.continuation),
  })

  async function ask(request: ChatRequest, assistant: ChatMessageItem): Promise<void> {
    const token: { run?: ReplyRun } = {}
    current = token
    status.value = 'submitted'
    error.value = undefined
    const update = (change: (message: ChatMessageItem) => ChatMessageItem): void => {
      if (current !== token) return
      messages.value = messages.value.map((item) =>
        item.id === assistant.id ? change(item) : item,
      )
    }
    const headers = toValue(options.headers)
    const body = toValue(options.body)
    token.run = runReply({
      request,
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
      status.value = 'idle'
      if (message !== undefined) notify(options.onFinish, message)
    } else if (typeof end === 'object') {
      status.value = 'error'
      error.value = end.error
      notify(options.onError, end.error, message)
    }
  }

  const newAssistant = (): ChatMessageItem => ({
    id: nextId(),
    role: 'assistant',
    content: '',
    reasoning: '',
    status: 'pending',
  })

  async function send(text: string): Promise<void> {
    if (isBusy.value || text.trim() === '') return
    const user: ChatMessageItem = {
      id: nextId(),
      role: 'user',
      content: text,
      reasoning: '',
      status: 'done',
    }
    const history = [...messages.value, user]
    const assistant = newAssistant()
    messages.value = [...history, assistant]
    notify(options.onSend, user)
    await ask(buildChatRequest(history, settings()), assistant)
  }

  async function regenerate(): Promise<void> {
    if (isBusy.value) return
    const list = messages.value
    const lastUser = list.findLastIndex((message) => message.role === 'user')
    if (lastUser === -1) return
    const history = list.slice(0, lastUser + 1)
    const assistant = newAssistant()
    messages.value = [...history, assistant]
    await ask(buildChatRequest(history, settings()), assistant)
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
    messages.value = [...list.slice(0, -1), assistant]
    await ask(request, assistant)
  }

  function stop(): void {
    const active = current
    if (active?.run === undefined) return
    active.run.stop()
    current = undefined
    status.value = 'idle'
    const message = messages.value.at(-1)
    if (message !== undefined) notify(options.onAbort, message)
  }

  function clear(): void {
    current?.run?.cancel()
    current = undefined
    messages.value = []
    status.value = 'idle'
    error.value = undefined
  }

  if (getCurrentScope() !== undefined) onScopeDispose(() => current?.run?.cancel())

  return { messages, status, error, isBusy, send, stop, regenerate, continue: resume, clear }
}
