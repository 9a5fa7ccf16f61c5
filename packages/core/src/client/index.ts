export { streamChat } from './stream-chat.js'
export type { StreamChatOptions } from './stream-chat.js'
export type { ChatStream, ChatStreamResult } from './chat-stream.js'
