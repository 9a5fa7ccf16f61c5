export { useChat, canContinue } from './use-chat.js'
export type {
  UseChatOptions,
  UseChatReturn,
  ChatDelta,
  SendOptions,
  ChatToolDefinition,
  ChatToolCallRequest,
} from './use-chat-options.js'
export type {
  ChatMessageItem,
  ChatMessageStatus,
  ChatRole,
  ChatStatus,
  ChatToolCallItem,
  ReplyMetrics,
} from './chat-message.js'
export type {
  MessageTree,
  MessageTreeNode,
  MessageVersions,
  VersionTarget,
} from './message-tree.js'
export type { TypewriterSetting } from './text-pacer.js'
export { createThinkSplitter } from './think-tags.js'
export type { ThinkSplit, ThinkSplitter } from './think-tags.js'
export { describeChatError } from './error-description.js'
export type { ChatErrorContext, ChatErrorDescription, ChatErrorKey } from './error-description.js'
