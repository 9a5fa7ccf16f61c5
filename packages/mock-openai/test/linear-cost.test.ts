import { describe, expect, it } from 'vitest'
import { useMockClient } from './sdk-client.js'

const client = useMockClient()

async function answer(content: string): Promise<{ text: string; promptTokens: number }> {
  const stream = await client().chat.completions.create({
    model: 'mock-chat',
    messages: [{ role: 'user', content }],
    stream: true,
    stream_options: { include_usage: true },
  })
  let text = ''
  let promptTokens = 0
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? ''
    promptTokens = chunk.usage?.prompt_tokens ?? promptTokens
  }
  return { text, promptTokens }
}

// Costs must stay linear in the prompt: the mock runs inside the relay's process, and one
// pathological prompt used to keep that process (and every other stream in it) busy for a minute.
// Each case finishes well inside vitest's default timeout; a quadratic step would not.
describe('cost linear in the input', () => {
  it('answers a prompt that is one unbroken 200 KB word', async () => {
    const { text, promptTokens } = await answer('x'.repeat(200_000))
    expect(text.length).toBeGreaterThan(0)
    expect(promptTokens).toBeGreaterThan(200_000 / 6)
  })

  it('answers a 200 KB word of combining characters and emoji', async () => {
    const { text } = await answer('e\u0301👍🏽'.repeat(200_000 / 6))
    expect(text.length).toBeGreaterThan(0)
  })

  it('answers a 1 MB prompt', async () => {
    const sentence = 'Streaming replies should feel instant, 流式输出 /length and all. '
    const { text, promptTokens } = await answer(sentence.repeat(1_000_000 / sentence.length))
    expect(text.length).toBeGreaterThan(0)
    expect(promptTokens).toBeGreaterThan(100_000)
  })
})
