import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatMessageItem } from '../../src/chat/index.js'
import { addMessage, emptyTree, updateMessage } from '../../src/chat/message-tree.js'
import { mergeConversation } from '../../src/storage/merge-conversation.js'
import { changesOf, createSaveScheduler } from '../../src/storage/save-policy.js'
import { toStoredTree } from '../../src/storage/stored-tree.js'
import type { StoredConversation } from '../../src/storage/index.js'

const message = (
  id: string,
  role: ChatMessageItem['role'],
  content: string,
  status: ChatMessageItem['status'] = 'done',
): ChatMessageItem => ({ id, role, content, reasoning: '', status })

const base = addMessage(
  addMessage(emptyTree(), null, message('u1', 'user', 'Hi')),
  'u1',
  message('a1', 'assistant', 'Hello'),
)

function stored(
  tree = base,
  times: Record<string, number> = {},
  extra: Partial<StoredConversation> = {},
): StoredConversation {
  return {
    id: 'c',
    title: 'Hi',
    createdAt: 1,
    updatedAt: 1,
    text: '',
    tree: toStoredTree(tree),
    messageTimes: times,
    ...extra,
  }
}

describe('mergeConversation (two tabs, one conversation)', () => {
  it('keeps the messages each tab added, and the incoming tab’s active path', () => {
    const mine = addMessage(base, 'a1', message('u2', 'user', 'from tab one'))
    const theirs = addMessage(base, 'a1', message('u3', 'user', 'from tab two'))
    const merged = mergeConversation(stored(theirs, { u3: 5 }), stored(mine, { u2: 6 }))
    expect(Object.keys(merged.tree.nodes).sort()).toEqual(['a1', 'u1', 'u2', 'u3'])
    expect(merged.tree.nodes.a1?.childIds).toEqual(['u3', 'u2'])
    expect(merged.tree.nodes.a1?.activeChildId).toBe('u2')
    expect(merged.text).toContain('from tab two')
  })

  it('keeps, message by message, the later complete version', () => {
    const older = updateMessage(base, 'a1', (m) => ({ ...m, content: 'old' }))
    const newer = updateMessage(base, 'a1', (m) => ({ ...m, content: 'new' }))
    expect(
      mergeConversation(stored(newer, { a1: 9 }), stored(older, { a1: 3 })).tree.nodes.a1?.message
        .content,
    ).toBe('new')
    expect(
      mergeConversation(stored(older, { a1: 3 }), stored(newer, { a1: 9 })).tree.nodes.a1?.message
        .content,
    ).toBe('new')
  })

  it('keeps the latest rename over a title that follows the first message', () => {
    const renamed = stored(base, {}, { title: 'Mine', renamedAt: 4 })
    expect(mergeConversation(renamed, stored()).title).toBe('Mine')
    expect(
      mergeConversation(renamed, stored(base, {}, { title: 'Later', renamedAt: 8 })).title,
    ).toBe('Later')
  })
})

describe('the save policy', () => {
  it('saves at once for a new message, a finished reply and a version switch, later while streaming', () => {
    const streaming = addMessage(base, 'a1', message('u2', 'user', 'more'))
    expect(changesOf(base, streaming)).toEqual({ urgency: 'now', changed: ['u2'] })
    const pending = addMessage(streaming, 'u2', message('a2', 'assistant', '', 'pending'))
    const typed = updateMessage(pending, 'a2', (m) => ({
      ...m,
      status: 'streaming',
      content: 'Wor',
    }))
    expect(changesOf(pending, typed)).toEqual({ urgency: 'soon', changed: ['a2'] })
    const finished = updateMessage(typed, 'a2', (m) => ({ ...m, status: 'done', content: 'Words' }))
    expect(changesOf(typed, finished).urgency).toBe('now')
    expect(
      changesOf(
        typed,
        updateMessage(typed, 'a2', (m) => ({ ...m, status: 'stopped' })),
      ).urgency,
    ).toBe('now')
    expect(changesOf(finished, finished).urgency).toBe('none')
  })

  afterEach(() => vi.useRealTimers())

  it('never saves per token: a streaming reply is written once per interval, the end at once', async () => {
    vi.useFakeTimers()
    const saves: string[] = []
    let text = ''
    const scheduler = createSaveScheduler(async () => void saves.push(text), 1000)
    for (let i = 0; i < 50; i++) {
      text += 'x'
      scheduler.request('soon')
      await vi.advanceTimersByTimeAsync(30)
    }
    // 50 tokens over 1.5 s: one save after the first second.
    expect(saves).toHaveLength(1)
    text += ' done'
    scheduler.request('now')
    await vi.advanceTimersByTimeAsync(0)
    expect(saves).toHaveLength(2)
    expect(saves.at(-1)).toMatch(/ done$/)
    await vi.advanceTimersByTimeAsync(5000)
    expect(saves).toHaveLength(2)
  })

  it('runs one save at a time and writes the last state after one that was running', async () => {
    let release!: () => void
    const seen: number[] = []
    let state = 1
    const scheduler = createSaveScheduler(async () => {
      seen.push(state)
      if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve))
    }, 1000)
    scheduler.request('now')
    await Promise.resolve()
    state = 2
    scheduler.request('now')
    state = 3
    scheduler.request('now')
    await new Promise((resolve) => setTimeout(resolve))
    expect(seen).toEqual([1])
    expect(scheduler.pending).toBe(true)
    release()
    await new Promise((resolve) => setTimeout(resolve))
    expect(seen).toEqual([1, 3])
    expect(scheduler.pending).toBe(false)
  })
})
