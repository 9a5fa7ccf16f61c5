import type { ChatStreamError, TypewriterClock } from '@typewriter-chat/core'
import type MarkdownIt from 'markdown-it'
import type { AttachmentOptions } from '../attachments/attachment-limits.js'
import type { ChatMessageItem, ChatStatus } from '../chat/chat-message.js'
import type { TypewriterSetting } from '../chat/text-pacer.js'
import type {
  ChatDelta,
  ChatToolDefinition,
  SendOptions,
  UseChatOptions,
} from '../chat/use-chat-options.js'
import type { ChatLocale, TypewriterChatLabels } from './locales.js'
import type { ChatStorage } from '../storage/chat-storage.js'

/** Colour scheme of the chat: `auto` follows the system. */
export type ChatTheme = 'light' | 'dark' | 'auto'

/** Props of `<TypewriterChat>`. Request settings are read again for every request. */
export interface TypewriterChatProps {
  /** The chat endpoint. Default `/api/chat`, the relay's route. */
  endpoint?: string
  /** The model to ask for. Default: the server's. */
  model?: string
  /** Sent first as a `system` message. */
  systemPrompt?: string
  /** Extra request headers, e.g. `Authorization` for a relay with `RELAY_TOKEN`. */
  headers?: Record<string, string>
  /** Extra fields merged into the request body, e.g. `temperature`. */
  body?: Record<string, unknown>
  /**
   * The conversation (`v-model`): the messages shown, one after the other. Read at mount; replaced
   * whenever the parent assigns a different array (an empty one starts a new chat; versions of
   * messages are dropped), emitted on every change, a switch of version included.
   */
  modelValue?: ChatMessageItem[]
  /**
   * Typewriter speed, or `false` to show text as it arrives. Default: on, 60 characters/s, never
   * more than the time 180 characters take at that pace behind the received text (`maxLagMs`).
   */
  typewriter?: TypewriterSetting
  /** Whether the relay continues replies cut by the token limit. Default: the relay's (on). */
  continuation?: boolean
  /** Tools the model may call, sent as `tools`. */
  tools?: readonly ChatToolDefinition[]
  /**
   * Runs a tool the reply called and returns its result (or a promise of it), which the reply
   * shows and the model is sent to answer with; see `useChat`'s `onToolCall`.
   */
  onToolCall?: UseChatOptions['onToolCall']
  /**
   * Attach images and text files (button, paste, drop): `false` turns it off, an object sets the
   * limits (`maxFiles`, `maxFileBytes`, `maxTotalBytes`, `maxImageSide`). Default `true`: on, with
   * the default limits.
   */
  attachments?: boolean | AttachmentOptions
  /** Default `en`. */
  locale?: ChatLocale
  /** Overrides of single texts of the locale. */
  labels?: Partial<TypewriterChatLabels>
  /** Default `auto`. */
  theme?: ChatTheme
  /**
   * The markdown-it instance replies are rendered with, e.g. `createMarkdownIt({ math: false })`
   * or one with your own plugins (`.use(…)`); make it once, not per render: a new instance
   * re-renders every reply. Default: the kit's own `createMarkdownIt()`, with the code block and
   * footnote texts of `locale` / `labels`, which a given instance does not get.
   */
  md?: MarkdownIt
  /** Placeholder of the message box. Default: the locale's. */
  placeholder?: string
  /** Show tokens, time to first token and tokens/s under each reply. Default `true`. */
  showMetrics?: boolean
  /** Focus the message box on mount. Default `false`. */
  autofocus?: boolean
  /**
   * Show an Edit button on each user message: an edit asks again and keeps the old version
   * (reachable with the version picker). Default `true`.
   */
  editable?: boolean
  /** Fail when the reply has not started after this long. Default: never. */
  firstByteTimeoutMs?: number
  /** Fail when the reply stalls this long. Default: never. */
  idleTimeoutMs?: number
  /** The `fetch` to use. Default: the global one. */
  fetch?: typeof fetch
  /**
   * Keep conversations: `true` in the browser's IndexedDB, or in the storage given
   * (`createMemoryStorage()`, your own). Saved on each message, edit and finished reply, and every
   * second while one streams; a reply cut by a reload resumes. Read at mount. Default `false`.
   */
  storage?: boolean | ChatStorage
  /**
   * With `storage`: the id of the conversation shown (`v-model:conversation`). Set once the first
   * message is saved; assign an id to open that conversation, `undefined` for a new one.
   */
  conversation?: string | undefined
  /** Time and frame source of the typewriter; tests pass `createManualClock()` from `@typewriter-chat/core/testing`. */
  clock?: TypewriterClock
}

/** Events of `<TypewriterChat>`. */
export interface TypewriterChatEvents {
  /** A user message was sent. */
  send: [message: ChatMessageItem]
  /** Reply text arrived (before the typewriter shows it). */
  delta: [delta: ChatDelta]
  /** A reply finished and is fully shown. */
  finish: [message: ChatMessageItem]
  /** The user stopped a reply; the message holds the partial reply. */
  abort: [message: ChatMessageItem]
  /** A reply failed; the message (when there is one) keeps what arrived before. */
  error: [error: ChatStreamError, message: ChatMessageItem | undefined]
  'update:modelValue': [messages: ChatMessageItem[]]
  /** With `storage`: the conversation shown changed (`undefined`: a new one, not yet saved). */
  'update:conversation': [id: string | undefined]
}

/** Slots of `<TypewriterChat>`. */
export interface TypewriterChatSlots {
  /** Replaces the body of each message (the default renders assistant text as markdown). */
  message?(props: { message: ChatMessageItem; streaming: boolean }): unknown
  /**
   * Shown while the conversation is empty; `hint` says how to send and start a new line, for a
   * touch screen or a keyboard as the case is.
   */
  empty?(props: { title: string; hint: string }): unknown
  /** Extra controls in the input bar, beside Send / Stop. */
  'input-actions'?(props: { busy: boolean; status: ChatStatus }): unknown
}

/** What a template ref to `<TypewriterChat>` exposes. */
export interface TypewriterChatExposed {
  /** Sends `text` (and any attachments) as the user; ignored while a reply runs or when empty. */
  send(text: string, options?: SendOptions): Promise<void>
  /** Stops the reply, keeping what was shown. */
  stop(): void
  /** Stops any reply and empties the conversation. */
  clear(): void
  /** Asks again for the last user message; the reply it replaces stays as another version. */
  regenerate(): Promise<void>
  /** Resumes a stopped, failed or cut reply. */
  continue(): Promise<void>
  /** Moves focus to the message box. */
  focus(): void
}
