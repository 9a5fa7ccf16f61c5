export { default as TypewriterChat } from './TypewriterChat.vue'
export { default as ChatConversations } from './ChatConversations.vue'
export type {
  ChatTheme,
  TypewriterChatEvents,
  TypewriterChatExposed,
  TypewriterChatProps,
  TypewriterChatSlots,
} from './typewriter-chat-types.js'
export { chatLocales } from './locales.js'
export type { ChatLocale, TypewriterChatLabels } from './locales.js'
