import type OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { useMockClient } from './sdk-client.js'

const client = useMockClient()

const weather: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 1, maximum: 3 },
      },
      required: ['city', 'unit', 'days'],
    },
  },
}
const add: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'add',
    parameters: {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
    },
  },
}
const question = (content: string): OpenAI.ChatCompletionMessageParam[] => [
  { role: 'user', content },
]

describe('tools', () => {
  it('calls the tool a question asks for, with arguments that fit its schema', async () => {
    const reply = await client().chat.completions.create({
      model: 'mock-chat',
      messages: question("What's the weather in Lisbon?"),
      tools: [add, weather],
    })
    const choice = reply.choices[0]!
    expect(choice.finish_reason).toBe('tool_calls')
    expect(choice.message.content).toBeNull()
    const [call, ...others] = choice.message.tool_calls ?? []
    expect(others).toEqual([])
    expect(call?.type === 'function' && call.function.name).toBe('get_weather')
    expect(call?.id).toMatch(/^call_[A-Za-z0-9]{24}$/)
    const args = JSON.parse(call?.type === 'function' ? call.function.arguments : '') as unknown
    expect(args).toEqual({ city: 'Lisbon', unit: 'celsius', days: expect.any(Number) })
    expect((args as { days: number }).days).toBeGreaterThanOrEqual(1)
    expect((args as { days: number }).days).toBeLessThanOrEqual(3)
  })

  it('streams a call by index: its id and name first, then its arguments in pieces', async () => {
    const stream = await client().chat.completions.create({
      model: 'mock-chat',
      messages: question('Weather in Oslo, please'),
      tools: [weather],
      stream: true,
    })
    const parts: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = []
    let finish: string | null = null
    for await (const chunk of stream) {
      parts.push(...(chunk.choices[0]?.delta.tool_calls ?? []))
      finish = chunk.choices[0]?.finish_reason ?? finish
    }
    expect(parts[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^call_/),
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    })
    expect(parts.length).toBeGreaterThan(3)
    expect(parts.slice(1).every((part) => part.index === 0 && part.id === undefined)).toBe(true)
    const args = parts.map((part) => part.function?.arguments ?? '').join('')
    expect(JSON.parse(args)).toMatchObject({ city: 'Oslo' })
    expect(finish).toBe('tool_calls')
  })

  it('answers with the tool result in the next turn', async () => {
    const messages = question("What's the weather in Lisbon?")
    const first = await client().chat.completions.create({
      model: 'mock-chat',
      messages,
      tools: [weather],
    })
    const assistant = first.choices[0]!.message
    const call = assistant.tool_calls![0]!
    const second = await client().chat.completions.create({
      model: 'mock-chat',
      tools: [weather],
      messages: [
        ...messages,
        assistant,
        { role: 'tool', tool_call_id: call.id, content: '{"temperature":21,"sky":"clear"}' },
      ],
    })
    expect(second.choices[0]?.finish_reason).toBe('stop')
    const text = second.choices[0]?.message.content ?? ''
    expect(text).toContain('`get_weather`')
    expect(text).toContain('**temperature**: 21')
    expect(text).toContain('**sky**: clear')
  })

  it('follows tool_choice: none answers, required and a named tool call', async () => {
    const ask = (tool_choice: OpenAI.ChatCompletionToolChoiceOption) =>
      client().chat.completions.create({
        model: 'mock-chat',
        messages: question('Tell me about Vue'),
        tools: [weather, add],
        tool_choice,
      })
    const none = await ask('none')
    expect(none.choices[0]?.message.tool_calls).toBeUndefined()
    expect(none.choices[0]?.finish_reason).toBe('stop')
    const auto = await ask('auto')
    expect(auto.choices[0]?.message.tool_calls).toBeUndefined()
    const required = await ask('required')
    const requiredCall = required.choices[0]?.message.tool_calls?.[0]
    expect(requiredCall?.type === 'function' && requiredCall.function.name).toBe('get_weather')
    const named = await ask({ type: 'function', function: { name: 'add' } })
    const namedCall = named.choices[0]?.message.tool_calls?.[0]
    expect(namedCall?.type === 'function' && namedCall.function.name).toBe('add')
    expect(JSON.parse(namedCall?.type === 'function' ? namedCall.function.arguments : '')).toEqual({
      a: expect.any(Number),
      b: expect.any(Number),
    })
  })

  it('calls every tool asked for in parallel, or one with parallel_tool_calls: false', async () => {
    const ask = (parallel: boolean) =>
      client().chat.completions.create({
        model: 'mock-chat',
        messages: question('Add the weather in Rome to the weather in Paris'),
        tools: [weather, add],
        parallel_tool_calls: parallel,
      })
    const names = (reply: OpenAI.ChatCompletion) =>
      (reply.choices[0]?.message.tool_calls ?? []).map((call) =>
        call.type === 'function' ? call.function.name : call.type,
      )
    expect(names(await ask(true))).toEqual(['get_weather', 'add'])
    expect(names(await ask(false))).toEqual(['get_weather'])
  })

  it('calls a built-in get_weather for /tools when the request declares no tools', async () => {
    const reply = await client().chat.completions.create({
      model: 'mock-chat',
      messages: question('/tools How warm is it in Rome?'),
    })
    const call = reply.choices[0]?.message.tool_calls?.[0]
    expect(call?.type === 'function' && call.function.name).toBe('get_weather')
    expect(JSON.parse(call?.type === 'function' ? call.function.arguments : '')).toMatchObject({
      city: 'Rome',
    })
  })
})

describe('response_format', () => {
  it('answers json_object with a JSON object', async () => {
    const reply = await client().chat.completions.create({
      model: 'mock-chat',
      messages: question('Explain HTTP caching'),
      response_format: { type: 'json_object' },
    })
    const value = JSON.parse(reply.choices[0]?.message.content ?? '') as unknown
    expect(value).toEqual({ answer: expect.any(String) })
  })

  it('answers json_schema with JSON that fits the schema, streamed too', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        age: { type: 'integer', minimum: 18, maximum: 99 },
        email: { type: 'string', format: 'email' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        address: { $ref: '#/$defs/address' },
        role: { anyOf: [{ type: 'null' }, { enum: ['admin', 'user'] }] },
      },
      required: ['name', 'age', 'email', 'tags', 'address', 'role'],
      additionalProperties: false,
      $defs: {
        address: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    }
    const stream = await client().chat.completions.create({
      model: 'mock-chat',
      messages: question('Invent a user who lives in Berlin'),
      response_format: { type: 'json_schema', json_schema: { name: 'user', schema } },
      stream: true,
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    const value = JSON.parse(text) as Record<string, unknown>
    expect(Object.keys(value)).toEqual(schema.required)
    expect(value).toMatchObject({
      name: expect.any(String),
      email: 'ada@example.com',
      address: { city: 'Berlin' },
      role: 'admin',
    })
    expect(value['age']).toBeGreaterThanOrEqual(18)
    expect(value['tags']).toHaveLength(2)
  })
})

describe('seed, n and max_tokens', () => {
  it('gives the same answer for the same seed and another for another seed', async () => {
    const ask = (seed: number) =>
      client()
        .chat.completions.create({
          model: 'mock-chat',
          seed,
          messages: question('Tell me about Vue'),
        })
        .then((reply) => reply.choices[0]?.message.content)
    const [one, again, two] = [await ask(1), await ask(1), await ask(2)]
    expect(again).toBe(one)
    expect(two).not.toBe(one)
  })

  it('cuts every choice at max_tokens with finish_reason length', async () => {
    const reply = await client().chat.completions.create({
      model: 'mock-chat',
      n: 2,
      max_tokens: 5,
      messages: question('Tell me about Vue'),
    })
    expect(reply.choices.map((choice) => choice.finish_reason)).toEqual(['length', 'length'])
    expect(reply.usage?.completion_tokens).toBe(10)
  })
})
