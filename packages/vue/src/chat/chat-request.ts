import type { ChatMessage, ChatRequest } from '@typewriter-chat/core'
import { toContent } from '../attachments/content-parts.js'
import { fullText } from './chat-message.js'
import type { ChatMessageItem } from './chat-message.js'

/** The request fields `useChat` adds around the messages. */
export interface RequestSettings {
  systemPrompt: string | undefined
  model: string | undefined
  continuation: boolean | undefined
}

const SETTLED = new Set(['done', 'stopped', 'error'])

/**
 * The history as the model should see it: settled messages with text or attachments, in OpenAI's
 * shape, with the full received text (not the typewriter-paced part), attachments as content parts,
 * and none of the UI-only fields.
 */
export function toHistory(messages: readonly ChatMessageItem[]): ChatMessage[] {
  return messages
    .filter(
      (message) =>
        SETTLED.has(message.status) &&
        (fullText(message) !== '' || (message.attachments?.length ?? 0) > 0),
    )
    .map((message) => ({
      role: message.role,
      content: toContent(fullText(message), message.attachments),
    }))
}

/** The chat request for `messages`: the system prompt first, then the history. */
export function buildChatRequest(
  messages: readonly ChatMessageItem[],
  settings: RequestSettings,
): ChatRequest {
  const history = toHistory(messages)
  const system: ChatMessage[] = settings.systemPrompt
    ? [{ role: 'system', content: settings.systemPrompt }]
    : []
  const request: ChatRequest = { messages: [...system, ...history] }
  if (settings.model !== undefined && settings.model !== '') request.model = settings.model
  if (settings.continuation !== undefined) request['continuation'] = settings.continuation
  return request
}
