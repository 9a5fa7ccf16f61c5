// @vitest-environment node
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI, MockScript } from '@typewriter-chat/mock-openai'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useChat } from '../../src/chat/index.js'
import type { ChatToolCallRequest, ChatToolDefinition } from '../../src/chat/index.js'
import { AUTH } from './mock-replies.js'

const WEATHER: ChatToolDefinition = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
}

let mock: MockOpenAI | undefined
afterEach(() => mock?.close())

async function chatWithModel(options: Parameters<typeof useChat>[0], script?: MockScript) {
  mock = await startMockOpenAI(script === undefined ? {} : { script })
  const chat = useChat({
    endpoint: `${mock.url}/chat/completions`,
    headers: AUTH,
    model: 'gpt-4o-mini',
    typewriter: false,
    ...options,
  })
  const posts = () => mock!.requests.filter((request) => request.method === 'POST')
  return { chat, posts }
}

describe('useChat tools', () => {
  it('runs the called tool and asks again with its result, then shows the answer', async () => {
    const onToolCall = vi.fn((_call: ChatToolCallRequest) => ({ temperature: 21, sky: 'sunny' }))
    const onFinish = vi.fn()
    const { chat, posts } = await chatWithModel({ tools: [WEATHER], onToolCall, onFinish })
    await chat.send('/tools what is the weather in Paris')

    expect(onToolCall).toHaveBeenCalledOnce()
    expect(onToolCall.mock.calls[0]![0]).toMatchObject({ name: 'get_weather' })
    const [user, calling, answer] = chat.messages.value
    expect(user?.role).toBe('user')
    expect(calling?.finishReason).toBe('tool_calls')
    const call = calling?.toolCalls?.[0]
    expect(call).toMatchObject({ name: 'get_weather', result: { temperature: 21, sky: 'sunny' } })
    expect(JSON.parse(call!.arguments)).toEqual(onToolCall.mock.calls[0]![0].args)

    expect(posts()).toHaveLength(2)
    expect(posts()[0]!.body?.['tools']).toEqual([WEATHER])
    const second = posts()[1]!.body?.['messages'] as Array<Record<string, unknown>>
    expect(second.slice(-2)).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            id: call!.id,
            type: 'function',
            function: { name: 'get_weather', arguments: call!.arguments },
          },
        ],
      },
      { role: 'tool', tool_call_id: call!.id, content: '{"temperature":21,"sky":"sunny"}' },
    ])
    expect(answer?.role).toBe('assistant')
    expect(answer?.status).toBe('done')
    expect(answer?.content).not.toBe('')
    expect(chat.status.value).toBe('idle')
    expect(onFinish).toHaveBeenCalledOnce()
  })

  it('sends a tool that throws back as an error and still gets an answer', async () => {
    const { chat, posts } = await chatWithModel({
      onToolCall: () => Promise.reject(new Error('weather service down')),
    })
    await chat.send('/tools weather in Oslo')
    const call = chat.messages.value[1]?.toolCalls?.[0]
    expect(call).toMatchObject({ failed: true, result: { error: 'Error: weather service down' } })
    expect(posts()).toHaveLength(2)
    expect(chat.messages.value[2]?.content).not.toBe('')
  })

  it('shows the calls and ends the reply when the app runs no tools', async () => {
    const { chat, posts } = await chatWithModel({})
    await chat.send('/tools weather in Rome')
    expect(chat.messages.value).toHaveLength(2)
    expect(chat.messages.value[1]?.toolCalls?.[0]?.name).toBe('get_weather')
    expect(chat.messages.value[1]?.toolCalls?.[0]).not.toHaveProperty('result')
    expect(posts()).toHaveLength(1)
  })

  it('stops asking after five tool rounds in a row', async () => {
    // A model that calls a tool whatever it is told.
    const always: MockScript = () => ({
      chunks: [
        { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{}' } }] },
      ],
      finishReason: 'tool_calls',
    })
    const onToolCall = vi.fn(() => 'again')
    const { chat, posts } = await chatWithModel({ onToolCall }, always)
    await chat.send('loop')
    expect(onToolCall).toHaveBeenCalledTimes(5)
    expect(posts()).toHaveLength(6)
    expect(chat.status.value).toBe('idle')
    expect(chat.messages.value.at(-1)?.toolCalls?.[0]).not.toHaveProperty('result')
  })
})
