import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { generateText, stepCountIs, streamText, tool } from 'ai'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { useClientsRelay, WEATHER_QUESTION, WEATHER_RESULT } from './relay-for-clients.js'

const relay = useClientsRelay()

const weather = tool({
  description: 'The current weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: () => Promise.resolve(WEATHER_RESULT),
})

describe('the Vercel AI SDK against the relay', () => {
  it('@ai-sdk/openai’s default model generates text through /v1/responses', async () => {
    const openai = createOpenAI({ baseURL: await relay.baseURL(), apiKey: 'unused' })
    const result = await generateText({ model: openai('mock-chat'), prompt: 'Tell me about Vue' })
    expect(result.text).toMatch(/Vue/)
    expect(result.finishReason).toBe('stop')
    expect(result.usage.outputTokens).toBeGreaterThan(10)
    expect(relay.upstreamPaths()).toEqual(['/v1/responses'])
  })

  it('@ai-sdk/openai’s default model streams text', async () => {
    const openai = createOpenAI({ baseURL: await relay.baseURL(), apiKey: 'unused' })
    const result = streamText({ model: openai('mock-chat'), prompt: 'Tell me about Vue' })
    const parts: string[] = []
    for await (const part of result.textStream) parts.push(part)
    expect(parts.length).toBeGreaterThan(10)
    expect(parts.join('')).toMatch(/Vue/)
    expect(await result.finishReason).toBe('stop')
  })

  it('@ai-sdk/openai’s default model runs a tool and answers with its result', async () => {
    const openai = createOpenAI({ baseURL: await relay.baseURL(), apiKey: 'unused' })
    const result = await generateText({
      model: openai('mock-chat'),
      prompt: WEATHER_QUESTION,
      tools: { get_weather: weather },
      stopWhen: stepCountIs(2),
    })
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({
      toolName: 'get_weather',
      input: { city: 'Lisbon' },
    })
    expect(result.text).toContain('`get_weather` answered')
    expect(result.text).toContain('**temperature**: 21')
    expect(relay.upstreamPaths()).toEqual(['/v1/responses', '/v1/responses'])
  })

  it('@ai-sdk/openai-compatible generates and streams through /v1/chat/completions', async () => {
    const provider = createOpenAICompatible({
      name: 'relay',
      baseURL: await relay.baseURL(),
      apiKey: 'unused',
      includeUsage: true,
    })
    const whole = await generateText({ model: provider('mock-chat'), prompt: 'Tell me about Vue' })
    expect(whole.text).toMatch(/Vue/)
    const streamed = streamText({ model: provider('mock-chat'), prompt: 'Tell me about Vue' })
    expect(await streamed.text).toBe(whole.text)
    expect((await streamed.usage).outputTokens).toBeGreaterThan(10)
    expect(relay.upstreamPaths()).toEqual(['/v1/chat/completions', '/v1/chat/completions'])
  })

  it('@ai-sdk/openai-compatible runs a tool round trip', async () => {
    const provider = createOpenAICompatible({ name: 'relay', baseURL: await relay.baseURL() })
    const result = await generateText({
      model: provider('mock-chat'),
      prompt: WEATHER_QUESTION,
      tools: { get_weather: weather },
      stopWhen: stepCountIs(2),
    })
    expect(result.steps[0]?.toolCalls[0]?.input).toEqual({ city: 'Lisbon' })
    expect(result.text).toContain('**sky**: clear')
  })
})
