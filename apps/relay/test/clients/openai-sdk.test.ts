import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { useClientsRelay, WEATHER_QUESTION, WEATHER_RESULT } from './relay-for-clients.js'

const relay = useClientsRelay()
const client = async () =>
  new OpenAI({ apiKey: 'unused', baseURL: await relay.baseURL(), maxRetries: 0 })
const ask = (content: string): OpenAI.ChatCompletionMessageParam[] => [{ role: 'user', content }]

const weather: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
}

describe('the openai SDK against the relay', () => {
  it('streams a chat completion with the usage it asked for', async () => {
    const stream = await (
      await client()
    ).chat.completions.create({
      model: 'mock-chat',
      messages: ask('Tell me about Vue'),
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let finish: string | null = null
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
      usage = chunk.usage ?? usage
    }
    expect(text).toMatch(/Vue/)
    expect(finish).toBe('stop')
    expect(usage?.completion_tokens).toBeGreaterThan(10)
    expect(relay.upstreamPaths()).toEqual(['/v1/chat/completions'])
  })

  it('gets a whole chat completion', async () => {
    const reply = await (
      await client()
    ).chat.completions.create({ model: 'mock-chat', messages: ask('Tell me about Vue') })
    expect(reply.object).toBe('chat.completion')
    expect(reply.choices[0]?.message.content).toMatch(/Vue/)
    expect(reply.choices[0]?.finish_reason).toBe('stop')
  })

  it('streams a Responses API reply', async () => {
    const stream = await (
      await client()
    ).responses.create({ model: 'mock-chat', input: 'Tell me about Vue', stream: true })
    let text = ''
    let final: OpenAI.Responses.Response | undefined
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta
      if (event.type === 'response.completed') final = event.response
    }
    expect(text).toMatch(/Vue/)
    expect(final?.status).toBe('completed')
    expect(final?.usage?.output_tokens).toBeGreaterThan(10)
    expect(relay.upstreamPaths()).toEqual(['/v1/responses'])
  })

  it('gets a whole Responses API reply', async () => {
    const response = await (
      await client()
    ).responses.create({ model: 'mock-chat', input: 'Tell me about Vue' })
    expect(response.object).toBe('response')
    expect(response.status).toBe('completed')
    expect(response.output_text).toMatch(/Vue/)
  })

  it('runs a tool round trip: the call, then the answer to its result', async () => {
    const openai = await client()
    const messages = ask(WEATHER_QUESTION)
    const first = await openai.chat.completions.create({
      model: 'mock-chat',
      messages,
      tools: [weather],
    })
    expect(first.choices[0]?.finish_reason).toBe('tool_calls')
    const assistant = first.choices[0]!.message
    const call = assistant.tool_calls?.[0]
    if (call?.type !== 'function') throw new Error('expected a function call')
    expect(call.function.name).toBe('get_weather')
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Lisbon' })
    const second = await openai.chat.completions.create({
      model: 'mock-chat',
      tools: [weather],
      messages: [
        ...messages,
        assistant,
        { role: 'tool', tool_call_id: call.id, content: JSON.stringify(WEATHER_RESULT) },
      ],
    })
    expect(second.choices[0]?.message.content).toContain('**temperature**: 21')
  })

  it('gets two choices for n: 2', async () => {
    const reply = await (
      await client()
    ).chat.completions.create({ model: 'mock-chat', n: 2, messages: ask('Tell me about Vue') })
    expect(reply.choices.map((choice) => choice.index)).toEqual([0, 1])
    expect(reply.choices[0]?.message.content).not.toBe(reply.choices[1]?.message.content)
  })

  it('gets JSON that fits a json_schema', async () => {
    const reply = await (
      await client()
    ).chat.completions.create({
      model: 'mock-chat',
      messages: ask('Invent a city'),
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'city',
          strict: true,
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, population: { type: 'integer' } },
            required: ['name', 'population'],
            additionalProperties: false,
          },
        },
      },
    })
    expect(JSON.parse(reply.choices[0]?.message.content ?? '')).toEqual({
      name: expect.any(String),
      population: expect.any(Number),
    })
  })

  it('gets a reply cut at its max_tokens, not continued', async () => {
    const reply = await (
      await client()
    ).chat.completions.create({
      model: 'mock-chat',
      max_tokens: 20,
      messages: ask('Tell me about Vue'),
    })
    expect(reply.choices[0]?.finish_reason).toBe('length')
    expect(reply.usage?.completion_tokens).toBe(20)
    expect(relay.upstreamPaths()).toHaveLength(1)
  })
})
