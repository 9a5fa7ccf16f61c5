import { describe, expect, it } from 'vitest'
import type { ChatMessageItem } from './chat-message.js'
import {
  activePath,
  addMessage,
  emptyTree,
  selectVersion,
  treeFromMessages,
  updateMessage,
  versionsOf,
} from './message-tree.js'
import type { MessageTree } from './message-tree.js'

const message = (id: string, role: 'user' | 'assistant' = 'user'): ChatMessageItem => ({
  id,
  role,
  content: id,
  reasoning: '',
  status: 'done',
})

const ids = (tree: MessageTree): string[] => activePath(tree).map((item) => item.id)

/** q1 → a1 → q2 → a2, then q2 edited as q2b (answered a2b), then a2b regenerated as a2c. */
function branched(): MessageTree {
  let tree = treeFromMessages([
    message('q1'),
    message('a1', 'assistant'),
    message('q2'),
    message('a2', 'assistant'),
  ])
  tree = addMessage(tree, 'a1', message('q2b'))
  tree = addMessage(tree, 'q2b', message('a2b', 'assistant'))
  return addMessage(tree, 'q2b', message('a2c', 'assistant'))
}

describe('message tree', () => {
  it('makes a chain of a flat list, every message on the active path', () => {
    const list = [message('q1'), message('a1', 'assistant')]
    const tree = treeFromMessages(list)
    expect(activePath(tree)).toEqual(list)
    expect(tree).toEqual({
      nodes: {
        q1: { id: 'q1', parentId: null, childIds: ['a1'], activeChildId: 'a1', message: list[0] },
        a1: { id: 'a1', parentId: 'q1', childIds: [], activeChildId: null, message: list[1] },
      },
      rootIds: ['q1'],
      activeRootId: 'q1',
    })
    expect(activePath(treeFromMessages([]))).toEqual([])
  })

  it('shows the newest version: an edit branches, a regenerated reply is a sibling', () => {
    const tree = branched()
    expect(ids(tree)).toEqual(['q1', 'a1', 'q2b', 'a2c'])
    expect(versionsOf(tree, 'q2b')).toEqual({ index: 1, count: 2 })
    expect(versionsOf(tree, 'q2')).toEqual({ index: 0, count: 2 })
    expect(versionsOf(tree, 'a2c')).toEqual({ index: 1, count: 2 })
    expect(versionsOf(tree, 'a1')).toEqual({ index: 0, count: 1 })
    expect(versionsOf(tree, 'missing')).toBeUndefined()
    expect(versionsOf(tree, 'constructor')).toBeUndefined()
  })

  it('switches versions and comes back to the conversation each version had', () => {
    let tree = selectVersion(branched(), 'a2c', 'previous')
    expect(ids(tree)).toEqual(['q1', 'a1', 'q2b', 'a2b'])
    tree = selectVersion(tree, 'q2b', 'previous')
    expect(ids(tree)).toEqual(['q1', 'a1', 'q2', 'a2'])
    tree = selectVersion(tree, 'q2', 'next')
    // The edited branch comes back with the reply that was shown when it was left.
    expect(ids(tree)).toEqual(['q1', 'a1', 'q2b', 'a2b'])
    tree = selectVersion(tree, 'a2b', 1)
    expect(ids(tree)).toEqual(['q1', 'a1', 'q2b', 'a2c'])
  })

  it('leaves the tree as it is for a version out of range or already shown', () => {
    const tree = branched()
    expect(selectVersion(tree, 'a2c', 'next')).toBe(tree)
    expect(selectVersion(tree, 'a2c', 1)).toBe(tree)
    expect(selectVersion(tree, 'a2c', 5)).toBe(tree)
    expect(selectVersion(tree, 'a1', 'previous')).toBe(tree)
    expect(selectVersion(tree, 'missing', 0)).toBe(tree)
  })

  it('puts a version chosen off the active path on it, with its branch', () => {
    const tree = branched()
    expect(ids(selectVersion(tree, 'q2', 0))).toEqual(['q1', 'a1', 'q2', 'a2'])
    expect(ids(addMessage(tree, 'q2', message('a2x', 'assistant')))).toEqual([
      'q1',
      'a1',
      'q2',
      'a2x',
    ])
  })

  it('gives the first message versions too', () => {
    let tree = addMessage(
      treeFromMessages([message('q1'), message('a1', 'assistant')]),
      null,
      message('q1b'),
    )
    expect(ids(tree)).toEqual(['q1b'])
    expect(versionsOf(tree, 'q1b')).toEqual({ index: 1, count: 2 })
    tree = selectVersion(tree, 'q1b', 0)
    expect(ids(tree)).toEqual(['q1', 'a1'])
    expect(ids(addMessage(emptyTree(), null, message('only')))).toEqual(['only'])
  })

  it('changes one message by id, on or off the active path', () => {
    const tree = branched()
    const changed = updateMessage(tree, 'a2', (item) => ({ ...item, content: 'new' }))
    expect(changed.nodes['a2']?.message.content).toBe('new')
    expect(activePath(changed)).toEqual(activePath(tree))
    expect(updateMessage(tree, 'missing', (item) => item)).toBe(tree)
  })

  it('survives JSON and keeps ids that name Object.prototype members as plain keys', () => {
    const tree = treeFromMessages([message('__proto__'), message('constructor', 'assistant')])
    const copy = JSON.parse(JSON.stringify(tree)) as MessageTree
    expect(ids(copy)).toEqual(['__proto__', 'constructor'])
    expect(copy).toEqual(tree)
  })

  it('stops at a loop in a malformed tree instead of hanging', () => {
    const tree = treeFromMessages([message('q1'), message('a1', 'assistant')])
    const looped: MessageTree = {
      ...tree,
      nodes: { ...tree.nodes, a1: { ...tree.nodes['a1']!, activeChildId: 'q1' } },
    }
    expect(ids(looped)).toEqual(['q1', 'a1'])
  })
})
