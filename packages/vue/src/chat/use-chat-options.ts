import type { ChatStreamError, TypewriterClock } from '@typewriter-chat/core'
import type { ComputedRef, MaybeRefOrGetter, Ref } from 'vue'
import type { ChatAttachment } from '../attachments/chat-attachment.js'
import type { ChatMessageItem, ChatStatus, ChatToolCallItem } from './chat-message.js'
import type { MessageTree, MessageVersions, VersionTarget } from './message-tree.js'
import type { TypewriterSetting } from './text-pacer.js'
import type { ChatStorage } from '../storage/chat-storage.js'
import type { ChatStorageError } from '../storage/chat-storage-error.js'

/** A piece of a reply as it arrives, for {@link UseChatOptions.onDelta}. */
export interface ChatDelta {
  type: 'content' | 'reasoning'
  text: string
  /** The id of the assistant message it belongs to. */
  messageId: string
}

/** A tool the model may call, in OpenAI's `tools` shape. */
export interface ChatToolDefinition {
  type: 'function'
  function: { name: string; description?: string; parameters?: Record<string, unknown> }
}

/** A call for {@link UseChatOptions.onToolCall}: `args` is the parsed JSON arguments (or the raw text). */
export interface ChatToolCallRequest {
  id: string
  name: string
  args: unknown
  call: ChatToolCallItem
}

/**
 * Options of `useChat`. Settings marked reactive accept a plain value, a ref or a getter; they are
 * read again for each request.
 */
export interface UseChatOptions {
  /** The chat endpoint (reactive). Default `/api/chat`, the relay's route. */
  endpoint?: MaybeRefOrGetter<string | URL | undefined>
  /** Extra request headers, e.g. `Authorization` (reactive). */
  headers?: MaybeRefOrGetter<HeadersInit | undefined>
  /** Extra fields merged into the request body, e.g. `temperature` (reactive). */
  body?: MaybeRefOrGetter<Record<string, unknown> | undefined>
  /** The model to ask for (reactive). Default: the server's. */
  model?: MaybeRefOrGetter<string | undefined>
  /** Sent first as a `system` message (reactive). */
  systemPrompt?: MaybeRefOrGetter<string | undefined>
  /** The conversation to start from, one message after the other; copied, messages without an id get one. */
  initialMessages?: ReadonlyArray<Omit<ChatMessageItem, 'id'> & { id?: string }>
  /**
   * Sent as `continuation` in the body: whether the relay continues replies cut by the token limit
   * (reactive). Default: not sent, the relay's default (on) applies.
   */
  continuation?: MaybeRefOrGetter<boolean | undefined>
  /**
   * Typewriter speed, or `false` to show text as it arrives (at most once a frame; reactive).
   * Default: on, core defaults.
   */
  typewriter?: MaybeRefOrGetter<TypewriterSetting | undefined>
  /** The `fetch` to use. Default: the global one. */
  fetch?: typeof fetch
  /** Fail with `first_byte_timeout` when the reply has not started after this long. Default: none. */
  firstByteTimeoutMs?: number
  /** Fail with `idle_timeout` when the reply stalls this long. Default: none. */
  idleTimeoutMs?: number
  /** Time and frame source of the typewriter; tests pass `createManualClock()` from `@typewriter-chat/core/testing`. */
  clock?: TypewriterClock
  /**
   * Where the conversation is kept (`createIndexedDBStorage()`, `createMemoryStorage()` or your
   * own). With it, the conversation is saved on each new message, edit and finished, stopped or
   * failed reply, and every second while a reply streams (never per token); setting
   * `conversationId` opens another; a reply cut by a reload resumes from the server. Default: none,
   * the conversation lives as long as the page.
   */
  storage?: ChatStorage
  /** Tools the model may call, sent as `tools` (reactive). */
  tools?: MaybeRefOrGetter<readonly ChatToolDefinition[] | undefined>
  /**
   * Runs a tool the reply called. When a reply ends with `finish_reason: "tool_calls"`, each call's
   * result (any JSON value) is shown on it and sent back as a `tool` message, and the model is asked
   * again for the answer, at most 5 rounds in a row. A call that throws is
   * sent back as `{ error }`. Without it, tool calls are shown and the reply ends there.
   */
  onToolCall?: (call: ChatToolCallRequest) => unknown
  /** A user message was sent. */
  onSend?: (message: ChatMessageItem) => void
  /** Reply text arrived (before the typewriter shows it). */
  onDelta?: (delta: ChatDelta) => void
  /** A reply finished and is fully shown. */
  onFinish?: (message: ChatMessageItem) => void
  /** The user stopped a reply; the message holds the partial reply. */
  onAbort?: (message: ChatMessageItem) => void
  /** A reply failed; the message (when there is one) keeps what arrived before. */
  onError?: (error: ChatStreamError, message: ChatMessageItem | undefined) => void
}

/** Tool rounds in a row before useChat stops asking: a model that keeps calling tools is not looped on. */
export const MAX_TOOL_ROUNDS = 5

/** Options of one `send`. */
export interface SendOptions {
  /**
   * Images and text files sent with the text, as OpenAI content parts; make them from `File`s with
   * `prepareAttachments`.
   */
  attachments?: readonly ChatAttachment[]
}

/** What `useChat` returns. */
export interface UseChatReturn {
  /**
   * The conversation as shown: the active path through {@link UseChatReturn.tree}, the only thing
   * sent to the model. An array replaced on every change, so `computed`s follow. Assigning a list
   * replaces the whole conversation (every version) with that list.
   */
  messages: Ref<ChatMessageItem[]>
  /**
   * Every version of every message, as plain data to store. Replaced on every change; assigning a
   * tree (one saved before) restores it.
   */
  tree: Ref<MessageTree>
  status: Readonly<Ref<ChatStatus>>
  /** The last request's error while `status` is `error`. */
  error: Readonly<Ref<ChatStreamError | undefined>>
  /** True while a request is submitted or streaming. */
  isBusy: ComputedRef<boolean>
  /**
   * Sends a user message (with any attachments) and streams the reply. Ignored while busy or when
   * `text` is blank and nothing is attached.
   */
  send(text: string, options?: SendOptions): Promise<void>
  /**
   * Asks again with user message `id` changed to `text`: a new version of that message and of
   * everything after it; the old ones stay reachable with `switchVersion`. Ignored while busy,
   * when `text` is blank (unless the message has attachments) or when `id` is not a user message.
   */
  edit(id: string, text: string): Promise<void>
  /** Stops the reply: aborts the request, keeps the partial reply (status `stopped`). */
  stop(): void
  /**
   * Asks again for the last user message: the new reply is shown as another version of the last
   * one, which is kept. Ignored while busy.
   */
  regenerate(): Promise<void>
  /** Resumes the last reply when it was stopped, failed with text, or was cut by the token limit. */
  continue(): Promise<void>
  /**
   * Stops any reply and empties the conversation. With `storage`, a new conversation starts and
   * the one left stays stored, a running reply in it kept as Stop leaves it.
   */
  clear(): void
  /** Where message `id` stands among its versions (`index` from 0); `undefined` for an unknown id. */
  versions(id: string): MessageVersions | undefined
  /**
   * Shows another version of message `id` in its place, with the conversation that followed it.
   * Ignored while busy (a running reply is never switched away from) or when out of range.
   * Ends an `error` status: the error was about the path left.
   */
  switchVersion(id: string, target: VersionTarget): void
  /**
   * With `storage`: the id of the conversation shown, set once its first message is saved;
   * assign an id to open that conversation (a running reply is stopped and kept), `undefined`
   * to start a new one. Always `undefined` without storage.
   */
  conversationId: Ref<string | undefined>
  /** With `storage`: why the last save failed, until a save succeeds; what is on screen is kept. */
  storageError: Readonly<Ref<ChatStorageError | undefined>>
}
