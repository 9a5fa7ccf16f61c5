import type OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { useMockServer } from './sdk-client.js'

const { client, mock } = useMockServer()

const weather: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: true,
}

describe('POST /v1/responses', () => {
  it('streams OpenAI’s events in order, with consecutive sequence numbers and `event:` lines', async () => {
    const response = await fetch(`${mock().url}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-chat', input: 'Tell me about Vue', stream: true }),
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const blocks = (await response.text()).split('\n\n').filter(Boolean)
    const events = blocks.map((block) => {
      const [eventLine, dataLine] = block.split('\n')
      const data = JSON.parse(dataLine!.replace(/^data: /, '')) as { type: string }
      expect(eventLine).toBe(`event: ${data.type}`)
      return data as { type: string; sequence_number: number; delta?: string; text?: string }
    })
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i))
    const types = [...new Set(events.map((event) => event.type))]
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    const text = events.map((event) => event.delta ?? '').join('')
    expect(events.find((event) => event.type === 'response.output_text.done')?.text).toBe(text)
    const whole = await client().responses.create({
      model: 'mock-chat',
      input: 'Tell me about Vue',
    })
    expect(whole.output_text).toBe(text)
    expect(whole).toMatchObject({ object: 'response', status: 'completed', model: 'mock-chat' })
    expect(whole.id).toMatch(/^resp_[0-9a-f]{50}$/)
    expect(whole.usage?.total_tokens).toBe(
      (whole.usage?.input_tokens ?? 0) + (whole.usage?.output_tokens ?? 0),
    )
  })

  it('ends incomplete at max_output_tokens', async () => {
    const stream = await client().responses.create({
      model: 'mock-chat',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Tell me about Vue' }] }],
      max_output_tokens: 16,
      stream: true,
    })
    let last: OpenAI.Responses.ResponseStreamEvent | undefined
    for await (const event of stream) last = event
    expect(last?.type).toBe('response.incomplete')
    const response = (last as OpenAI.Responses.ResponseIncompleteEvent).response
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' })
    expect(response.usage?.output_tokens).toBe(16)
  })

  it('calls a function, then answers its output in the next request', async () => {
    const input: OpenAI.Responses.ResponseInput = [
      { role: 'user', content: "What's the weather in Lisbon?" },
    ]
    const first = await client().responses.create({ model: 'mock-chat', input, tools: [weather] })
    const call = first.output.find((item) => item.type === 'function_call')
    expect(call).toMatchObject({ name: 'get_weather', status: 'completed' })
    expect(JSON.parse(call?.type === 'function_call' ? call.arguments : '')).toEqual({
      city: 'Lisbon',
    })
    const second = await client().responses.create({
      model: 'mock-chat',
      tools: [weather],
      input: [
        ...input,
        ...first.output,
        { type: 'function_call_output', call_id: call!.call_id, output: '{"sky":"clear"}' },
      ] as OpenAI.Responses.ResponseInput,
    })
    expect(second.output_text).toContain('**sky**: clear')
  })

  it('streams function call arguments and a reasoning summary for mock-reasoner', async () => {
    const stream = await client().responses.create({
      model: 'mock-reasoner',
      input: 'Weather in Oslo?',
      tools: [weather],
      tool_choice: 'required',
      stream: true,
    })
    let args = ''
    const kinds: string[] = []
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') args += event.delta
      if (event.type === 'response.output_item.added') kinds.push(event.item.type)
    }
    expect(kinds).toEqual(['reasoning', 'function_call'])
    expect(JSON.parse(args)).toEqual({ city: 'Oslo' })
  })

  it('answers text.format json_schema with JSON that fits it', async () => {
    const response = await client().responses.create({
      model: 'mock-chat',
      input: 'Invent a city',
      text: {
        format: {
          type: 'json_schema',
          name: 'city',
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, population: { type: 'integer' } },
            required: ['name', 'population'],
            additionalProperties: false,
          },
        },
      },
    })
    expect(JSON.parse(response.output_text)).toEqual({
      name: expect.any(String),
      population: expect.any(Number),
    })
  })

  it('refuses a previous_response_id it cannot know, as OpenAI does', async () => {
    await expect(
      client().responses.create({
        model: 'mock-chat',
        input: 'hi',
        previous_response_id: 'resp_x',
      }),
    ).rejects.toMatchObject({ status: 404, param: 'previous_response_id' })
  })

  it('follows a scripted plan: chunks as events, then a drop', async () => {
    mock().scriptOnce({ chunks: ['Hel', 'lo'], dropAfter: 1 })
    const stream = await client().responses.create({ model: 'mock-chat', input: 'x', stream: true })
    const deltas: string[] = []
    await expect(
      (async () => {
        for await (const event of stream) {
          if (event.type === 'response.output_text.delta') deltas.push(event.delta)
        }
      })(),
    ).rejects.toThrow()
    expect(deltas).toEqual(['Hel'])
  })
})
