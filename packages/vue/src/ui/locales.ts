import type { AttachmentErrorCode } from '../attachments/attachment-error.js'
import type { ChatErrorKey } from '../chat/error-description.js'
import type { ChatStorageErrorCode } from '../storage/chat-storage-error.js'

/** A locale the chat ships texts for. */
export type ChatLocale = 'en' | 'zh-CN'

/**
 * Every text `<TypewriterChat>` shows or gives assistive technology. `{name}` placeholders are
 * filled in from the parameters of the message.
 */
export interface TypewriterChatLabels {
  /** Accessible name of the input. */
  input: string
  placeholder: string
  send: string
  stop: string
  regenerate: string
  continue: string
  copy: string
  /** Accessible name of a reply's copy button (its visible text is `copy`). */
  copyReply: string
  copied: string
  copyCode: string
  /** Label of a Mermaid diagram's block. */
  diagram: string
  /** The diagram's toggle that shows its source instead (a pressed/unpressed button). */
  diagramSource: string
  /** Accessible name of a reply's footnote list. */
  footnotes: string
  /** Accessible name of a footnote reference, before its number. */
  footnote: string
  /** Accessible name of a footnote's link back to its reference, before its number. */
  backToReference: string
  /** Button that opens a sent user message for editing. */
  edit: string
  /** Accessible name of the box a message is edited in. */
  editMessage: string
  /** Leaves the edit box without sending. */
  cancel: string
  previousVersion: string
  nextVersion: string
  /** Where a message stands among its versions: `{index}` (from 1) of `{count}`. */
  versionPosition: string
  retry: string
  dismiss: string
  jumpToLatest: string
  /** Accessible name of the transcript. */
  transcript: string
  user: string
  assistant: string
  emptyTitle: string
  emptyHint: string
  /** The empty state's hint on touch screens, where Enter adds a line and the Send button sends. */
  emptyHintTouch: string
  /** Summary of the reasoning section while the model is still thinking. */
  thinking: string
  /** Summary of the reasoning section once the answer has started. */
  thoughts: string
  /** Accessible name of the list of tools a reply called. */
  toolCalls: string
  /** Summary of a tool call while the model writes it: `{name}`. */
  toolCalling: string
  /** Summary of a written call the app is running (or does not run): `{name}`. */
  toolWaiting: string
  /** Summary of a call the app answered: `{name}`. */
  toolCalled: string
  /** Summary of a call whose tool failed: `{name}`. */
  toolFailed: string
  /** Heading of a call's arguments. */
  toolArguments: string
  /** Heading of a call's result. */
  toolResult: string
  /** Shown while the model has not answered yet. */
  waiting: string
  /** The same after a few seconds: `{seconds}` waited so far. */
  waitingFor: string
  /** Leads the mark a failed reply keeps, before what failed. */
  failed: string
  stopped: string
  /** Shown on a reply cut by the token limit that was not continued. */
  cutOff: string
  /** `{count}` tokens used by a reply; `{approx}` is `~` when partly estimated (a stopped request). */
  tokens: string
  /** `{seconds}` to the first token. */
  firstToken: string
  /** `{rate}` tokens per second; `{approx}` is `~` when estimated. */
  tokensPerSecond: string
  /** `{status}` HTTP status, when there is one. */
  errorStatus: string
  errors: Record<ChatErrorKey, string>
  /** Rate limited and the server said for how long: `{seconds}`. */
  rateLimitedFor: string
  /** The button that opens the file picker. */
  attach: string
  /** Accessible name of the list of attached files. */
  attachments: string
  /** The button that takes a file off the message; the file's name is its description. */
  removeAttachment: string
  /** Shown while images are downscaled and files read. */
  preparingAttachments: string
  /** Shown while files are dragged over the message box. */
  dropFiles: string
  /** Accessible name of a sent image's thumbnail, which opens it large: `{name}`. */
  viewImage: string
  /** Closes the large image. */
  close: string
  /** Why files were not attached: `{names}` of the files, `{max}` the limit (a count or a size). */
  attachmentErrors: Record<AttachmentErrorCode, string>
  /** Accessible name of the conversation list's navigation landmark. */
  conversations: string
  /** Starts a new conversation; also the title of one without messages yet. */
  newChat: string
  /** Accessible name of the search box over titles and messages. */
  searchConversations: string
  /** Shown when no conversation is kept yet. */
  noConversations: string
  /** Shown when none matches the search. */
  noMatches: string
  /** Gives a conversation a title of one's own. */
  rename: string
  /** Accessible name of the box a title is edited in. */
  conversationTitle: string
  delete: string
  /** Said and shown after a delete, beside Undo: `{title}`. */
  conversationDeleted: string
  undo: string
  /** Downloads the conversation shown as Markdown. */
  export: string
  /** Downloads the conversation shown, every version, as JSON. */
  exportJson: string
  /** Opens a conversation exported as JSON. */
  import: string
  /** Why conversations could not be kept. */
  storageErrors: Record<ChatStorageErrorCode, string>
}

const en: TypewriterChatLabels = {
  input: 'Message',
  placeholder: 'Ask anything',
  send: 'Send',
  stop: 'Stop',
  regenerate: 'Regenerate',
  continue: 'Continue',
  copy: 'Copy',
  copyReply: 'Copy reply',
  copied: 'Copied',
  copyCode: 'Copy code',
  diagram: 'Diagram',
  diagramSource: 'Source',
  footnotes: 'Footnotes',
  footnote: 'Footnote',
  backToReference: 'Back to reference',
  edit: 'Edit',
  editMessage: 'Edit message',
  cancel: 'Cancel',
  previousVersion: 'Previous version',
  nextVersion: 'Next version',
  versionPosition: 'Version {index} of {count}',
  retry: 'Retry',
  dismiss: 'Dismiss',
  jumpToLatest: 'Jump to latest',
  transcript: 'Conversation',
  user: 'You',
  assistant: 'Assistant',
  emptyTitle: 'How can I help?',
  emptyHint:
    'Enter sends, Shift+Enter starts a new line. Replies stream in as they are written; Stop ends one at any time.',
  emptyHintTouch:
    'Send sends, Enter starts a new line. Replies stream in as they are written; Stop ends one at any time.',
  thinking: 'Thinking…',
  thoughts: 'Thoughts',
  toolCalls: 'Tool calls',
  toolCalling: 'Calling {name}…',
  toolWaiting: 'Called {name}',
  toolCalled: 'Called {name}: result received',
  toolFailed: 'Called {name}: the tool failed',
  toolArguments: 'Arguments',
  toolResult: 'Result',
  waiting: 'Waiting for the model…',
  waitingFor: 'Waiting for the model… {seconds} s',
  failed: 'Reply failed.',
  stopped: 'Stopped',
  cutOff: 'Cut off at the token limit',
  tokens: '{approx}{count} tokens',
  firstToken: 'first token {seconds} s',
  tokensPerSecond: '{approx}{rate} tokens/s',
  errorStatus: 'HTTP {status}',
  errors: {
    unauthorized: 'The server rejected the API key or access token. Check the key and try again.',
    rateLimited: 'Too many requests: the model is rate limited. Wait a moment and try again.',
    upstreamUnavailable: 'The model service is unavailable right now.',
    connectionLost: 'The connection was lost before the reply finished.',
    unreachable: 'Could not reach the server. Check your connection and try again.',
    timeout: 'The model took too long to answer.',
    invalidRequest: 'The request was rejected.',
    unexpectedResponse: 'The server answered with something that is not a chat stream.',
    unknown: 'Something went wrong.',
  },
  rateLimitedFor: 'Too many requests: the model is rate limited. Try again in {seconds} s.',
  attach: 'Attach',
  attachments: 'Attachments',
  removeAttachment: 'Remove attachment',
  preparingAttachments: 'Preparing attachments…',
  dropFiles: 'Drop files to attach them',
  viewImage: 'View image {name}',
  close: 'Close',
  attachmentErrors: {
    too_many_files: 'Not attached, at most {max} files per message: {names}.',
    file_too_large: 'Not attached, larger than {max}: {names}.',
    total_too_large: 'Not attached, the message would carry more than {max}: {names}.',
    unsupported_type:
      'Not attached, only images (PNG, JPEG, WebP, GIF) and text files can be sent: {names}.',
    unreadable: 'Not attached, the file could not be read: {names}.',
  },
  conversations: 'Conversations',
  newChat: 'New chat',
  searchConversations: 'Search conversations',
  noConversations: 'No conversations yet.',
  noMatches: 'No conversation matches.',
  rename: 'Rename',
  conversationTitle: 'Conversation title',
  delete: 'Delete',
  conversationDeleted: 'Deleted “{title}”.',
  undo: 'Undo',
  export: 'Export',
  exportJson: 'Export JSON',
  import: 'Import',
  storageErrors: {
    quota_exceeded:
      'Not saved: the browser storage for this site is full. Everything on screen is still here; export it, or delete old conversations to make room.',
    storage_failed:
      'Not saved: the conversation could not be stored. Everything on screen is still here, and saving is tried again with the next change.',
    invalid_import: 'Not imported: the file is not a conversation exported as JSON.',
  },
}

const zhCN: TypewriterChatLabels = {
  input: '消息',
  placeholder: '输入问题',
  send: '发送',
  stop: '停止',
  regenerate: '重新生成',
  continue: '继续',
  copy: '复制',
  copyReply: '复制回复',
  copied: '已复制',
  copyCode: '复制代码',
  diagram: '图表',
  diagramSource: '源码',
  footnotes: '脚注',
  footnote: '脚注',
  backToReference: '返回引用处',
  edit: '编辑',
  editMessage: '编辑消息',
  cancel: '取消',
  previousVersion: '上一个版本',
  nextVersion: '下一个版本',
  versionPosition: '第 {index} 个版本，共 {count} 个',
  retry: '重试',
  dismiss: '关闭',
  jumpToLatest: '跳到最新',
  transcript: '对话',
  user: '你',
  assistant: '助手',
  emptyTitle: '有什么可以帮你？',
  emptyHint: 'Enter 发送，Shift+Enter 换行。回复会边生成边显示，随时可以停止。',
  emptyHintTouch: '点“发送”发送，回车换行。回复会边生成边显示，随时可以停止。',
  thinking: '思考中…',
  thoughts: '思考过程',
  toolCalls: '工具调用',
  toolCalling: '正在调用 {name}…',
  toolWaiting: '已调用 {name}',
  toolCalled: '已调用 {name}：已收到结果',
  toolFailed: '已调用 {name}：工具出错',
  toolArguments: '参数',
  toolResult: '结果',
  waiting: '正在等待模型…',
  waitingFor: '正在等待模型… {seconds} 秒',
  failed: '回复失败。',
  stopped: '已停止',
  cutOff: '已达到长度上限，回复被截断',
  tokens: '{approx}{count} 个 token',
  firstToken: '首字 {seconds} 秒',
  tokensPerSecond: '{approx}{rate} token/秒',
  errorStatus: 'HTTP {status}',
  errors: {
    unauthorized: '服务器拒绝了 API 密钥或访问令牌，请检查后重试。',
    rateLimited: '请求过于频繁，模型已限流，请稍后重试。',
    upstreamUnavailable: '模型服务暂时不可用。',
    connectionLost: '回复尚未完成，连接已断开。',
    unreachable: '无法连接到服务器，请检查网络后重试。',
    timeout: '模型响应超时。',
    invalidRequest: '请求被拒绝。',
    unexpectedResponse: '服务器返回的不是聊天流。',
    unknown: '出现了错误。',
  },
  rateLimitedFor: '请求过于频繁，模型已限流，请在 {seconds} 秒后重试。',
  attach: '添加附件',
  attachments: '附件',
  removeAttachment: '移除附件',
  preparingAttachments: '正在处理附件…',
  dropFiles: '松开即可添加附件',
  viewImage: '查看图片 {name}',
  close: '关闭',
  attachmentErrors: {
    too_many_files: '未添加，每条消息最多 {max} 个文件：{names}。',
    file_too_large: '未添加，文件超过 {max}：{names}。',
    total_too_large: '未添加，本条消息的附件总大小将超过 {max}：{names}。',
    unsupported_type: '未添加，只能发送图片（PNG、JPEG、WebP、GIF）和文本文件：{names}。',
    unreadable: '未添加，无法读取文件：{names}。',
  },
  conversations: '对话列表',
  newChat: '新对话',
  searchConversations: '搜索对话',
  noConversations: '还没有对话。',
  noMatches: '没有匹配的对话。',
  rename: '重命名',
  conversationTitle: '对话标题',
  delete: '删除',
  conversationDeleted: '已删除“{title}”。',
  undo: '撤销',
  export: '导出',
  exportJson: '导出 JSON',
  import: '导入',
  storageErrors: {
    quota_exceeded:
      '未保存：此网站的浏览器存储空间已满。屏幕上的内容都还在；可以先导出，或删除旧对话腾出空间。',
    storage_failed: '未保存：对话无法存储。屏幕上的内容都还在，下次变更时会再次尝试保存。',
    invalid_import: '未导入：该文件不是以 JSON 导出的对话。',
  },
}

/** The shipped texts, by locale. */
export const chatLocales: Readonly<Record<ChatLocale, Readonly<TypewriterChatLabels>>> = {
  en,
  'zh-CN': zhCN,
}

/** The texts of `locale` with `overrides` applied (`errors`, `attachmentErrors` and `storageErrors` merged key by key). */
export function resolveLabels(
  locale: ChatLocale,
  overrides: Partial<TypewriterChatLabels> | undefined,
): TypewriterChatLabels {
  const base = chatLocales[locale] ?? en
  if (overrides === undefined) return base
  return {
    ...base,
    ...overrides,
    errors: { ...base.errors, ...overrides.errors },
    attachmentErrors: { ...base.attachmentErrors, ...overrides.attachmentErrors },
    storageErrors: { ...base.storageErrors, ...overrides.storageErrors },
  }
}

/** Fills `{name}` placeholders; an unknown name is left as written so a missing value shows. */
export function formatLabel(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}
