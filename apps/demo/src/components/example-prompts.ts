import type { ChatLocale } from '@typewriter-chat/vue'

/** Suggestions shown while the conversation is empty, in the chat's language. */
export const EXAMPLE_PROMPTS: Readonly<Record<ChatLocale, readonly string[]>> = {
  en: ['Compare Vue vs React', 'Write a TypeScript debounce function', 'Show me a markdown table'],
  'zh-CN': ['比较 Vue 和 React', '用 TypeScript 写一个防抖函数', '用三点解释 SSE'],
}
