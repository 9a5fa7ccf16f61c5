import type { StoredConversation, StoredTree } from './chat-storage.js'
import { searchTextOf } from './conversation-text.js'

const union = (first: readonly string[], second: readonly string[]): string[] => [
  ...new Set([...first, ...second]),
]

/**
 * `incoming` (a tab's save) merged over `stored` (what another tab may have saved meanwhile): every
 * message of either is kept, each in its later complete version by `messageTimes`; the active path
 * and the rest of the record are the incoming tab's; a rename is kept whichever tab made it last.
 */
export function mergeConversation(
  stored: StoredConversation | undefined,
  incoming: StoredConversation,
): StoredConversation {
  if (stored === undefined) return incoming
  const nodes: StoredTree['nodes'] = { ...stored.tree.nodes }
  const messageTimes = { ...stored.messageTimes }
  for (const [id, node] of Object.entries(incoming.tree.nodes)) {
    const before = Object.hasOwn(nodes, id) ? nodes[id] : undefined
    const newer = (incoming.messageTimes[id] ?? 0) >= (stored.messageTimes[id] ?? 0)
    if (before === undefined || newer) {
      nodes[id] =
        before === undefined ? node : { ...node, childIds: union(before.childIds, node.childIds) }
      messageTimes[id] = incoming.messageTimes[id] ?? 0
    } else {
      nodes[id] = { ...before, childIds: union(before.childIds, node.childIds) }
    }
  }
  const renamed = (stored.renamedAt ?? 0) > (incoming.renamedAt ?? 0) ? stored : incoming
  return {
    ...incoming,
    title: renamed.title,
    ...(renamed.renamedAt === undefined ? {} : { renamedAt: renamed.renamedAt }),
    createdAt: Math.min(stored.createdAt, incoming.createdAt),
    tree: { ...incoming.tree, nodes, rootIds: union(stored.tree.rootIds, incoming.tree.rootIds) },
    text: searchTextOf({ nodes }),
    messageTimes,
  }
}
