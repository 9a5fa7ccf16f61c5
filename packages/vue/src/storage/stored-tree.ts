import { ChatStreamError } from '@typewriter-chat/core'
import type { ChatMessageItem } from '../chat/chat-message.js'
import type { MessageTree, MessageTreeNode } from '../chat/message-tree.js'
import type { StoredMessage, StoredTree } from './chat-storage.js'

function mapNodes<From extends { message: unknown }, To>(
  nodes: Record<string, From>,
  change: (message: From['message']) => To,
): Record<string, Omit<From, 'message'> & { message: To }> {
  return Object.fromEntries(
    Object.entries(nodes).map(([id, node]) => [id, { ...node, message: change(node.message) }]),
  )
}

export function toStoredMessage(message: ChatMessageItem): StoredMessage {
  const { error, ...rest } = message
  if (error === undefined) return rest
  return {
    ...rest,
    error: {
      code: error.code,
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
    },
  }
}

export function fromStoredMessage(message: StoredMessage): ChatMessageItem {
  const { error, ...rest } = message
  if (error === undefined) return rest
  const options = error.status === undefined ? {} : { status: error.status }
  return { ...rest, error: new ChatStreamError(error.code, error.message, options) }
}

/** The tree as plain data to store: errors become `{ code, message, status }`. */
export function toStoredTree(tree: MessageTree): StoredTree {
  return { ...tree, nodes: mapNodes(tree.nodes, toStoredMessage) }
}

/** A stored tree back as a `MessageTree`, errors as `ChatStreamError`s again. */
export function fromStoredTree(tree: StoredTree): MessageTree {
  return {
    ...tree,
    nodes: mapNodes(tree.nodes, fromStoredMessage) as Record<string, MessageTreeNode>,
  }
}
