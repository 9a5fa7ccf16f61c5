import { HumanMessage, ToolMessage } from '@langchain/core/messages'
import { ChatOpenAI } from '@langchain/openai'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { useClientsRelay, WEATHER_QUESTION, WEATHER_RESULT } from './relay-for-clients.js'

const relay = useClientsRelay()

const chatModel = async (useResponsesApi: boolean) =>
  new ChatOpenAI({
    model: 'mock-chat',
    apiKey: 'unused',
    configuration: { baseURL: await relay.baseURL() },
    maxRetries: 0,
    useResponsesApi,
  })

const weather = {
  name: 'get_weather',
  description: 'The current weather in a city',
  schema: z.object({ city: z.string() }),
}

const text = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : (content as { text?: string }[]).map((part) => part.text ?? '').join('')

describe.each([
  { api: 'chat completions', useResponsesApi: false, path: '/v1/chat/completions' },
  { api: 'the Responses API', useResponsesApi: true, path: '/v1/responses' },
])('LangChain’s ChatOpenAI on $api against the relay', ({ useResponsesApi, path }) => {
  it('invokes and streams', async () => {
    const model = await chatModel(useResponsesApi)
    const whole = await model.invoke('Tell me about Vue')
    expect(text(whole.content)).toMatch(/Vue/)
    let streamed = ''
    let chunks = 0
    for await (const chunk of await model.stream('Tell me about Vue')) {
      streamed += text(chunk.content)
      chunks++
    }
    expect(chunks).toBeGreaterThan(10)
    expect(streamed).toBe(text(whole.content))
    expect(relay.upstreamPaths()).toEqual([path, path])
  })

  it('bindTools gets the tool call, and the answer to its result', async () => {
    const model = (await chatModel(useResponsesApi)).bindTools([weather])
    const question = new HumanMessage(WEATHER_QUESTION)
    const call = await model.invoke([question])
    expect(call.tool_calls).toHaveLength(1)
    const [toolCall] = call.tool_calls ?? []
    expect(toolCall).toMatchObject({ name: 'get_weather', args: { city: 'Lisbon' } })
    const answer = await model.invoke([
      question,
      call,
      new ToolMessage({ tool_call_id: toolCall!.id!, content: JSON.stringify(WEATHER_RESULT) }),
    ])
    expect(text(answer.content)).toContain('`get_weather` answered')
    expect(text(answer.content)).toContain('**sky**: clear')
    expect(relay.upstreamPaths()).toEqual([path, path])
  })
})
