import { activePath } from '../chat/message-tree.js'
import type { MessageTree } from '../chat/message-tree.js'

const TITLE_LENGTH = 60

/**
 * The title a conversation gets until renamed: the start of its first user message on one line,
 * or the names of what it attached; `''` before there is one (the list shows "New chat").
 */
export function titleOf(tree: MessageTree): string {
  const first = activePath(tree).find((message) => message.role === 'user')
  if (first === undefined) return ''
  const text = first.content.replace(/\s+/g, ' ').trim()
  const title = text || (first.attachments ?? []).map((file) => file.name).join(', ')
  // By code points: a cut never splits a surrogate pair.
  const chars = [...title]
  return chars.length > TITLE_LENGTH ? `${chars.slice(0, TITLE_LENGTH - 1).join('')}…` : title
}

/** Every message's text, every version included, for search (of a stored tree too). */
export function searchTextOf(tree: {
  nodes: Record<string, { message: { content: string; received?: string } }>
}): string {
  return Object.values(tree.nodes)
    .map((node) => node.message.received ?? node.message.content)
    .join('\n')
}
