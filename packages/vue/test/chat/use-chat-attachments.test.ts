// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { useChat } from '../../src/chat/index.js'
import type { ChatImageAttachment, ChatTextAttachment } from '../../src/index.js'
import { AUTH, useMockReplies } from './mock-replies.js'

const reply = useMockReplies()

const image: ChatImageAttachment = {
  kind: 'image',
  name: 'dot.png',
  mediaType: 'image/png',
  url: 'data:image/png;base64,iVBORw0KGgo=',
  size: 8,
}
const notes: ChatTextAttachment = {
  kind: 'text',
  name: 'notes.txt',
  language: '',
  text: 'buy milk',
  size: 8,
}
const imagePart = { type: 'image_url', image_url: { url: image.url } }

describe('useChat send with attachments', () => {
  it('sends them as content parts after the text and keeps them on the user message', async () => {
    const route = await reply({ chunks: ['A dot.'] })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    await chat.send('What is this?', { attachments: [image, notes] })
    expect(route.requests[0]?.body).toEqual({
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'text', text: 'File: notes.txt\n```\nbuy milk\n```' },
            imagePart,
          ],
        },
      ],
    })
    expect(chat.messages.value[0]?.attachments).toEqual([image, notes])
  })

  it('sends attachments without text, and the history carries them on', async () => {
    const route = await reply({ chunks: ['ok'] })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    await chat.send('  ', { attachments: [image] })
    await chat.send('And now?')
    expect(route.requests[1]?.body?.['messages']).toEqual([
      { role: 'user', content: [imagePart] },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'And now?' },
    ])
  })

  it('ignores blank text with nothing attached', async () => {
    const route = await reply({ chunks: ['ok'] })
    const chat = useChat({ endpoint: route.url, headers: AUTH, typewriter: false })
    await chat.send(' ', { attachments: [] })
    expect(chat.messages.value).toEqual([])
    expect(route.requests).toEqual([])
  })
})
