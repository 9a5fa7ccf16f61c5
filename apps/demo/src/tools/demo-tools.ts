import type { ChatToolCallRequest, ChatToolDefinition } from '@typewriter-chat/vue'

/** The demo's one tool, so the mock's `/tools` directive shows a whole round: call, result, answer. */
export const DEMO_TOOLS: readonly ChatToolDefinition[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Today’s weather in a city, in degrees Celsius.',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
]

/** A canned answer: the demo runs offline, so the weather is made up, and says so. */
export function runDemoTool(call: ChatToolCallRequest): unknown {
  if (call.name !== 'get_weather') throw new Error(`The demo has no tool named ${call.name}.`)
  const args = typeof call.args === 'object' && call.args !== null ? call.args : {}
  const { city = 'Paris' } = args as { city?: string }
  return { city, temperature: 20, conditions: 'partly cloudy', source: 'demo (made up)' }
}
