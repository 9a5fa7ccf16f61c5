import type OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { useMockClient } from './sdk-client.js'

const client = useMockClient()

type Message = OpenAI.ChatCompletionMessageParam
const CONTINUE = 'Continue exactly where you stopped, without repeating anything.'

async function reply(messages: Message[], maxTokens?: number): Promise<[string, string | null]> {
  const stream = await client().chat.completions.create({
    model: 'mock-chat',
    messages,
    stream: true,
    ...(maxTokens !== undefined && { max_tokens: maxTokens }),
  })
  let text = ''
  let finish: string | null = null
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? ''
    finish = chunk.choices[0]?.finish_reason ?? finish
  }
  return [text, finish]
}

describe('continuation', () => {
  const question = 'How do I retry a fetch in TypeScript?'

  it('continues a /length cut seamlessly, appending one (reply, "continue") pair per round', async () => {
    const [full] = await reply([{ role: 'user', content: question }])
    const messages: Message[] = [{ role: 'user', content: `/length 25 ${question}` }]
    let [text, finish] = await reply(messages)
    expect(finish).toBe('length')
    let assembled = text
    for (let round = 0; finish === 'length' && round < 100; round++) {
      messages.push({ role: 'assistant', content: text }, { role: 'user', content: CONTINUE })
      ;[text, finish] = await reply(messages, 40)
      assembled += text
    }
    expect(finish).toBe('stop')
    expect(assembled).toBe(full)
  })

  it('continues when the partial reply is sent as one growing assistant message', async () => {
    const [full] = await reply([{ role: 'user', content: question }])
    let [partial, finish] = await reply([{ role: 'user', content: question }], 30)
    for (let round = 0; finish === 'length' && round < 100; round++) {
      const [text, nextFinish] = await reply(
        [
          { role: 'user', content: question },
          { role: 'assistant', content: partial },
          { role: 'user', content: CONTINUE },
        ],
        30,
      )
      partial += text
      finish = nextFinish
    }
    expect(partial).toBe(full)
  })

  it('answers "continue" afresh when the previous reply is not one of its own', async () => {
    const [text, finish] = await reply([
      { role: 'user', content: question },
      { role: 'assistant', content: 'Something else entirely.' },
      { role: 'user', content: 'Please continue' },
    ])
    expect(text.length).toBeGreaterThan(50)
    expect(finish).toBe('stop')
  })
})
