import type { ChatToolCallItem } from './chat-message.js'
import type { ChatToolCallRequest } from './use-chat-options.js'

/** The arguments as the tool gets them: parsed JSON, or the raw text when the model wrote invalid JSON. */
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text === '' ? '{}' : text)
  } catch {
    return text
  }
}

/**
 * Runs each call through `onToolCall`, together (the model asked for them at once), and returns the
 * calls with their results. A tool that throws answers `{ error }`, so the model can say so instead
 * of the conversation stopping on a half-answered round.
 */
export async function runToolCalls(
  calls: readonly ChatToolCallItem[],
  onToolCall: (call: ChatToolCallRequest) => unknown,
): Promise<ChatToolCallItem[]> {
  return Promise.all(
    calls.map(async (call) => {
      try {
        const result = await onToolCall({
          id: call.id,
          name: call.name,
          args: parseArguments(call.arguments),
          call,
        })
        return { ...call, result: result ?? null }
      } catch (error) {
        return { ...call, result: { error: String(error) }, failed: true }
      }
    }),
  )
}
