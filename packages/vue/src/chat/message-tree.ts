import type { ChatMessageItem } from './chat-message.js'

/** One message of a {@link MessageTree} and where it sits. Plain data: it survives JSON. */
export interface MessageTreeNode {
  /** The message's id. */
  id: string
  /** The message this one answers or follows; `null` for a first message. */
  parentId: string | null
  /** The versions of the next message, oldest first. */
  childIds: string[]
  /** Which of `childIds` the active path goes on with; `null` for the last message of a path. */
  activeChildId: string | null
  message: ChatMessageItem
}

/**
 * A conversation with every version of every message: an edit adds a sibling of the edited
 * message, a regenerated reply a sibling of the reply. Each node remembers which child it was
 * last shown with, so going back to a version shows the conversation that followed it.
 * Plain data (no classes, no cycles): store it as it is. Replaced, never mutated, on each change.
 */
export interface MessageTree {
  /** Every message by id. */
  nodes: Record<string, MessageTreeNode>
  /** The versions of the first message, oldest first. */
  rootIds: string[]
  activeRootId: string | null
}

/** Where a message stands among its versions: `index` from 0, `count` of them, itself included. */
export interface MessageVersions {
  index: number
  count: number
}

/** A version by its index (from 0), or the one before or after the current one. */
export type VersionTarget = number | 'previous' | 'next'

/** The node of `id`; ids are data, so `constructor` or `__proto__` must not reach the prototype. */
export function findNode(tree: MessageTree, id: string): MessageTreeNode | undefined {
  return own(tree.nodes, id)
}

function own(nodes: MessageTree['nodes'], id: string): MessageTreeNode | undefined {
  return Object.hasOwn(nodes, id) ? nodes[id] : undefined
}

export const emptyTree = (): MessageTree => ({ nodes: {}, rootIds: [], activeRootId: null })

/** A tree without versions: the messages one after the other, all on the active path. */
export function treeFromMessages(messages: readonly ChatMessageItem[]): MessageTree {
  const nodes = messages.map((message, index): [string, MessageTreeNode] => {
    const next = messages[index + 1]
    return [
      message.id,
      {
        id: message.id,
        parentId: messages[index - 1]?.id ?? null,
        childIds: next === undefined ? [] : [next.id],
        activeChildId: next?.id ?? null,
        message,
      },
    ]
  })
  const first = messages[0]?.id ?? null
  // fromEntries defines own properties: an id such as `__proto__` stays a plain key.
  return {
    nodes: Object.fromEntries(nodes),
    rootIds: first === null ? [] : [first],
    activeRootId: first,
  }
}

/** The messages shown: from the active first message along each node's active child. */
export function activePath(tree: MessageTree): ChatMessageItem[] {
  const path: ChatMessageItem[] = []
  // A tree restored from storage may be malformed; a loop in it must not hang the page.
  const seen = new Set<string>()
  let node = tree.activeRootId === null ? undefined : findNode(tree, tree.activeRootId)
  while (node !== undefined && !seen.has(node.id)) {
    seen.add(node.id)
    path.push(node.message)
    node = node.activeChildId === null ? undefined : findNode(tree, node.activeChildId)
  }
  return path
}

/**
 * Puts message `id` on the active path: each of its ancestors goes on with the branch that leads
 * to it. The same tree when it is shown already.
 */
function activate(tree: MessageTree, id: string): MessageTree {
  const nodes = { ...tree.nodes }
  let changed = false
  const seen = new Set<string>()
  let node = findNode(tree, id)
  while (node !== undefined && node.parentId !== null && !seen.has(node.id)) {
    seen.add(node.id)
    const parent = own(nodes, node.parentId)
    if (parent === undefined) break
    if (parent.activeChildId !== node.id) {
      nodes[parent.id] = { ...parent, activeChildId: node.id }
      changed = true
    }
    node = parent
  }
  const root = node?.parentId === null ? node.id : tree.activeRootId
  if (!changed && root === tree.activeRootId) return tree
  return { ...tree, nodes, activeRootId: root }
}

/** Adds `message` as the newest version after `parentId` (`null`: first message) and shows it. */
export function addMessage(
  tree: MessageTree,
  parentId: string | null,
  message: ChatMessageItem,
): MessageTree {
  const parent = parentId === null ? undefined : findNode(tree, parentId)
  const node: MessageTreeNode = {
    id: message.id,
    parentId: parent?.id ?? null,
    childIds: [],
    activeChildId: null,
    message,
  }
  const added: MessageTree =
    parent === undefined
      ? { ...tree, nodes: { ...tree.nodes, [node.id]: node }, rootIds: [...tree.rootIds, node.id] }
      : {
          ...tree,
          nodes: {
            ...tree.nodes,
            [parent.id]: { ...parent, childIds: [...parent.childIds, node.id] },
            [node.id]: node,
          },
        }
  return activate(added, node.id)
}

/** Replaces the message `id` with `change(message)`; the same tree when there is no such message. */
export function updateMessage(
  tree: MessageTree,
  id: string,
  change: (message: ChatMessageItem) => ChatMessageItem,
): MessageTree {
  const node = findNode(tree, id)
  if (node === undefined) return tree
  return { ...tree, nodes: { ...tree.nodes, [id]: { ...node, message: change(node.message) } } }
}

/** The ids of the versions of `node`: its parent's children, or the first messages. */
function siblingIds(tree: MessageTree, node: MessageTreeNode): string[] {
  const parent = node.parentId === null ? undefined : findNode(tree, node.parentId)
  return parent?.childIds ?? tree.rootIds
}

/** Where message `id` stands among its versions; `undefined` for an unknown id. */
export function versionsOf(tree: MessageTree, id: string): MessageVersions | undefined {
  const node = findNode(tree, id)
  if (node === undefined) return undefined
  const siblings = siblingIds(tree, node)
  return { index: siblings.indexOf(id), count: siblings.length }
}

/**
 * Shows another version of message `id` in its place, with the conversation that followed that
 * version (and puts that branch on the active path). The same tree when `target` is out of range
 * or already shown.
 */
export function selectVersion(tree: MessageTree, id: string, target: VersionTarget): MessageTree {
  const node = findNode(tree, id)
  if (node === undefined) return tree
  const siblings = siblingIds(tree, node)
  const from = siblings.indexOf(id)
  const index = target === 'previous' ? from - 1 : target === 'next' ? from + 1 : target
  const chosen = siblings[index]
  return chosen === undefined ? tree : activate(tree, chosen)
}
