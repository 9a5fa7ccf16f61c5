import type { AccumulatedChoice } from './chat-accumulator.js'
import type { ChatMessage } from './types.js'

/**
 * The assistant message to append to the history for the next request, in OpenAI's request shape:
 * `content` (`null` when the reply was only tool calls or a refusal), `tool_calls` and `refusal` when
 * present. Reasoning is left out on purpose: DeepSeek rejects `reasoning_content` in input messages,
 * and OpenAI-compatible servers do not expect it back.
 */
export function toAssistantMessage(choice: AccumulatedChoice): ChatMessage {
  const message: ChatMessage = {
    role: 'assistant',
    content:
      choice.content === '' && (choice.toolCalls.length > 0 || choice.refusal !== '')
        ? null
        : choice.content,
  }
  if (choice.refusal !== '') message.refusal = choice.refusal
  if (choice.toolCalls.length > 0) {
    message.tool_calls = choice.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.function.name, arguments: call.function.arguments },
    }))
  }
  return message
}
