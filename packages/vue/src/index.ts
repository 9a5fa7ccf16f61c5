/**
 * `@typewriter-chat/vue`: the streaming chat kit for Vue 3.
 *
 * - `<TypewriterChat>`: the whole chat, ready to embed.
 * - `useChat`: the same chat as a composable, for your own UI.
 * - `<StreamingMarkdown>`: markdown that streams without re-rendering finished blocks.
 *
 * Import the styles once: `import '@typewriter-chat/vue/style.css'`.
 *
 * @packageDocumentation
 */
export * from './chat/index.js'
export * from './attachments/index.js'
export * from './storage/index.js'
export * from './markdown/index.js'
export * from './ui/index.js'
export { ChatStreamError } from '@typewriter-chat/core'
export type { ChatStreamErrorCode, ChatUsage, FinishReason } from '@typewriter-chat/core'
