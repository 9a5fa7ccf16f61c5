import { ChatStreamError } from '@typewriter-chat/core'
import type { ChatMessageItem } from '../chat/chat-message.js'
import { updateMessage } from '../chat/message-tree.js'
import type { MessageTree } from '../chat/message-tree.js'

/** Marks a reply that was streaming when saved, and cannot be followed, as interrupted. */
export function interrupted(message: ChatMessageItem): ChatMessageItem {
  return {
    ...message,
    status: 'error',
    error: new ChatStreamError(
      'incomplete_stream',
      'The reply was interrupted before it finished. Continue carries it on.',
    ),
  }
}

export const isUnfinished = (message: ChatMessageItem): boolean =>
  message.status === 'pending' || message.status === 'streaming'

/** Every reply still marked as streaming, but `following`, marked interrupted: nothing feeds them. */
export function settleUnfinished(tree: MessageTree, following?: string): MessageTree {
  let settled = tree
  for (const node of Object.values(tree.nodes)) {
    if (isUnfinished(node.message) && node.id !== following)
      settled = updateMessage(settled, node.id, interrupted)
  }
  return settled
}
