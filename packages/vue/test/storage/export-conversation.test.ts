import { describe, expect, it } from 'vitest'
import { ChatStreamError } from '../../src/index.js'
import type { ChatMessageItem } from '../../src/chat/index.js'
import { addMessage, emptyTree, selectVersion } from '../../src/chat/message-tree.js'
import {
  conversationToJSON,
  conversationToMarkdown,
  importConversation,
} from '../../src/storage/index.js'

const message = (
  id: string,
  role: ChatMessageItem['role'],
  content: string,
  extra: Partial<ChatMessageItem> = {},
): ChatMessageItem => ({ id, role, content, reasoning: '', status: 'done', ...extra })

const image = {
  kind: 'image' as const,
  name: 'cat.png',
  mediaType: 'image/png',
  url: 'data:image/png;base64,AAAA',
  size: 3,
}
const notes = { kind: 'text' as const, name: 'notes.md', language: 'md', text: '# notes', size: 7 }

let tree = addMessage(
  emptyTree(),
  null,
  message('u1', 'user', 'What is in  this picture?', { attachments: [image, notes] }),
)
tree = addMessage(tree, 'u1', message('a1', 'assistant', 'A first answer'))
tree = addMessage(
  tree,
  'u1',
  message('a2', 'assistant', 'A **cat**, asleep.', {
    status: 'error',
    error: new ChatStreamError('http_error', 'Bad gateway', { status: 502 }),
  }),
)

describe('Export', () => {
  it('writes the conversation shown as Markdown: roles as headings, attachments noted', () => {
    expect(conversationToMarkdown(tree)).toBe(
      '# What is in this picture?\n\n## User\n\nWhat is in  this picture?\n\n*[Image: cat.png]*\n\n*[File: notes.md]*\n\n## Assistant\n\nA **cat**, asleep.\n',
    )
    expect(conversationToMarkdown(selectVersion(tree, 'a2', 'previous'), 'Mine')).toContain(
      '# Mine\n',
    )
  })

  it('writes every version as JSON that Import takes back as a new conversation, errors included', () => {
    const json = conversationToJSON(tree, 'A cat')
    const imported = importConversation(json, 'copy')
    expect(imported).toMatchObject({ id: 'copy', title: 'A cat', messageTimes: {} })
    expect(Object.keys(imported.tree.nodes)).toEqual(['u1', 'a1', 'a2'])
    expect(imported.tree.nodes.a2?.message.error).toEqual({
      code: 'http_error',
      message: 'Bad gateway',
      status: 502,
    })
    expect(imported.tree.nodes.u1?.message.attachments).toEqual([image, notes])
    expect(imported.text).toContain('A first answer')
  })

  it('refuses anything but an exported conversation with invalid_import', () => {
    const refused = (json: string) => {
      try {
        importConversation(json, 'x')
      } catch (error) {
        return (error as { code?: string }).code
      }
      return 'accepted'
    }
    expect(refused('not json')).toBe('invalid_import')
    expect(refused('{"format":"something else"}')).toBe('invalid_import')
    const exported = JSON.parse(conversationToJSON(tree))
    exported.tree.nodes.u1.childIds.push('missing')
    expect(refused(JSON.stringify(exported))).toBe('invalid_import')
    const looped = JSON.parse(conversationToJSON(tree))
    looped.tree.nodes.a1.message.role = 'hacker'
    expect(refused(JSON.stringify(looped))).toBe('invalid_import')
  })

  it('imports a reply that was streaming when exported as interrupted', () => {
    const streaming = addMessage(
      tree,
      'u1',
      message('a3', 'assistant', 'Half', { status: 'streaming' }),
    )
    const imported = importConversation(conversationToJSON(streaming), 'y')
    expect(imported.tree.nodes.a3?.message).toMatchObject({
      status: 'error',
      error: { code: 'incomplete_stream' },
    })
  })
})
