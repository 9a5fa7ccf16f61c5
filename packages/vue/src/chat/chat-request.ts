import type { ChatMessage, ChatRequest } from '@typewriter-chat/core'
import { toContent } from '../attachments/content-parts.js'
import type { ChatToolDefinition } from './use-chat-options.js'
import { fullText } from './chat-message.js'
import type { ChatMessageItem, ChatToolCallItem } from './chat-message.js'

/** The request fields `useChat` adds around the messages. */
export interface RequestSettings {
  systemPrompt: string | undefined
  model: string | undefined
  continuation: boolean | undefined
  /** OpenAI `tools` definitions, sent when there are any. */
  tools: readonly ChatToolDefinition[] | undefined
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
        (fullText(message) !== '' ||
          (message.attachments?.length ?? 0) > 0 ||
          answered(message.toolCalls)),
    )
    .flatMap((message): ChatMessage[] => {
      const turn = {
        role: message.role,
        content: toContent(fullText(message), message.attachments),
      }
      const calls = message.toolCalls
      if (!answered(calls)) return [turn]
      // OpenAI's shape of a tool round: the calls on the assistant turn, then one `tool` message each.
      return [
        {
          ...turn,
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          })),
        },
        ...calls.map((call) => ({
          role: 'tool',
          tool_call_id: call.id,
          content: JSON.stringify(call.result ?? null),
        })),
      ]
    })
}

/** True when every call has a result: only then can the round be sent (OpenAI refuses half of one). */
function answered(calls: ChatToolCallItem[] | undefined): calls is ChatToolCallItem[] {
  return calls !== undefined && calls.length > 0 && calls.every((call) => 'result' in call)
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
  if (settings.tools !== undefined && settings.tools.length > 0) request['tools'] = settings.tools
  if (settings.continuation !== undefined) request['continuation'] = settings.continuation
  return request
}
