import { describe, expect, it } from 'vitest'
import type { ChatImageAttachment, ChatTextAttachment } from './chat-attachment.js'
import { textFilePart, toContent } from './content-parts.js'

const notes: ChatTextAttachment = {
  kind: 'text',
  name: 'notes.md',
  language: 'md',
  text: '# Plan\n\n- ship\n',
  size: 16,
}
const photo: ChatImageAttachment = {
  kind: 'image',
  name: 'photo.png',
  mediaType: 'image/png',
  url: 'data:image/png;base64,iVBORw0KGgo=',
  size: 8,
}

describe('toContent', () => {
  it('keeps a message without attachments a plain string', () => {
    expect(toContent('Hello', undefined)).toBe('Hello')
    expect(toContent('Hello', [])).toBe('Hello')
  })

  it('sends the text, then text files, then images as OpenAI content parts', () => {
    expect(toContent('What is this?', [photo, notes])).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'text', text: 'File: notes.md\n```md\n# Plan\n\n- ship\n```' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
    ])
  })

  it('leaves out the text part when only files are sent', () => {
    expect(toContent('  \n', [photo])).toEqual([
      { type: 'image_url', image_url: { url: photo.url } },
    ])
  })
})

describe('textFilePart', () => {
  it('closes the fence on its own line when the file does not end with a newline', () => {
    expect(textFilePart({ ...notes, name: 'a.txt', language: '', text: 'one line' }).text).toBe(
      'File: a.txt\n```\none line\n```',
    )
  })

  it('fences a file that holds code fences with more backticks than it uses', () => {
    const text = 'Example:\n````ts\nlet a = 1\n````\n'
    expect(textFilePart({ ...notes, text }).text).toBe(
      `File: notes.md\n\`\`\`\`\`md\n${text}\`\`\`\`\``,
    )
  })
})
