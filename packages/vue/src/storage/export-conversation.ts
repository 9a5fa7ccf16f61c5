import { activePath } from '../chat/message-tree.js'
import type { MessageTree } from '../chat/message-tree.js'
import type { StoredConversation, StoredTree } from './chat-storage.js'
import { ChatStorageError } from './chat-storage-error.js'
import { searchTextOf, titleOf } from './conversation-text.js'
import { settleUnfinished } from './interrupted-reply.js'
import { fromStoredTree, toStoredTree } from './stored-tree.js'

/** The `format` of an exported conversation, and the version of that format. */
export const CONVERSATION_FORMAT = 'typewriter-chat.conversation'
const VERSION = 1

const HEADINGS = { user: 'User', assistant: 'Assistant', system: 'System' } as const

/**
 * The conversation as shown (the active path) in Markdown: the title as the heading, each message
 * under its role's heading, attachments noted by name (images are not embedded).
 */
export function conversationToMarkdown(tree: MessageTree, title = titleOf(tree)): string {
  const parts = [`# ${title || 'Conversation'}`]
  for (const message of activePath(tree)) {
    parts.push(`## ${HEADINGS[message.role]}`)
    const text = (message.received ?? message.content).trim()
    if (text !== '') parts.push(text)
    for (const file of message.attachments ?? [])
      parts.push(`*[${file.kind === 'image' ? 'Image' : 'File'}: ${file.name}]*`)
  }
  return `${parts.join('\n\n')}\n`
}

/** The whole conversation, every version, as JSON that {@link importConversation} takes back. */
export function conversationToJSON(tree: MessageTree, title = titleOf(tree)): string {
  const exported = {
    format: CONVERSATION_FORMAT,
    version: VERSION,
    title,
    tree: toStoredTree(tree),
  }
  return JSON.stringify(exported, null, 2)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

/** A tree read from a file must hold together: every id it names is a node of the right shape. */
function isStoredTree(value: unknown): value is StoredTree {
  if (!isRecord(value) || !isRecord(value.nodes) || !isStringArray(value.rootIds)) return false
  const nodes = value.nodes
  const known = (id: unknown) => typeof id === 'string' && Object.hasOwn(nodes, id)
  if (value.activeRootId !== null && !known(value.activeRootId)) return false
  if (!value.rootIds.every(known)) return false
  return Object.entries(nodes).every(([id, node]) => {
    if (!isRecord(node) || node.id !== id || !isRecord(node.message)) return false
    const { message } = node
    return (
      message.id === id &&
      ['user', 'assistant', 'system'].includes(message.role as string) &&
      typeof message.content === 'string' &&
      typeof message.reasoning === 'string' &&
      (node.parentId === null || known(node.parentId)) &&
      isStringArray(node.childIds) &&
      node.childIds.every(known) &&
      (node.activeChildId === null || known(node.activeChildId))
    )
  })
}

/**
 * A conversation from the JSON of {@link conversationToJSON}, as a new conversation `id` to save.
 * Throws `ChatStorageError('invalid_import')` for anything else.
 */
export function importConversation(json: string, id: string): StoredConversation {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (cause) {
    throw new ChatStorageError('invalid_import', 'The file is not JSON.', { cause })
  }
  if (!isRecord(parsed) || parsed.format !== CONVERSATION_FORMAT || !isStoredTree(parsed.tree))
    throw new ChatStorageError('invalid_import', 'The file is not an exported conversation.')
  // A reply that was streaming when exported cannot go on here: it is shown as interrupted.
  const tree = toStoredTree(settleUnfinished(fromStoredTree(parsed.tree)))
  const now = Date.now()
  const title = typeof parsed.title === 'string' ? parsed.title : titleOf(fromStoredTree(tree))
  return {
    id,
    title,
    ...(title === titleOf(fromStoredTree(tree)) ? {} : { renamedAt: now }),
    createdAt: now,
    updatedAt: now,
    text: searchTextOf(tree),
    tree,
    messageTimes: {},
  }
}
