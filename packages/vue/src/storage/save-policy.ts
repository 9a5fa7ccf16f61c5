import type { MessageTree } from '../chat/message-tree.js'

/**
 * When a change must be saved: `now` for what a user would hate to lose (a new message, an edit,
 * a reply that finished, stopped or failed, a version switch), `soon` for a reply still streaming
 * (saved at an interval, never per token), `none` when nothing changed.
 */
export type SaveUrgency = 'now' | 'soon' | 'none'

/** What changed from `before` to `after`: the messages replaced or added, and how soon to save. */
export function changesOf(
  before: MessageTree,
  after: MessageTree,
): { urgency: SaveUrgency; changed: string[] } {
  if (before === after) return { urgency: 'none', changed: [] }
  const changed: string[] = []
  let urgency: SaveUrgency =
    before.activeRootId !== after.activeRootId || before.rootIds !== after.rootIds ? 'now' : 'none'
  for (const [id, node] of Object.entries(after.nodes)) {
    const old = Object.hasOwn(before.nodes, id) ? before.nodes[id] : undefined
    if (old === node) continue
    if (old === undefined || old.activeChildId !== node.activeChildId) urgency = 'now'
    if (old?.message === node.message) continue
    changed.push(id)
    const { status } = node.message
    if (status === 'pending' || status === 'streaming') urgency = urgency === 'now' ? 'now' : 'soon'
    else urgency = 'now'
  }
  if (Object.keys(before.nodes).length !== Object.keys(after.nodes).length) urgency = 'now'
  return { urgency, changed }
}

/** Runs saves as {@link changesOf} asks: `now` on the next microtask, `soon` after `intervalMs`. */
export interface SaveScheduler {
  request(urgency: SaveUrgency): void
  /** True while a save is waiting to run or running. */
  readonly pending: boolean
  /** Drops a waiting save (the conversation was left or deleted). */
  cancel(): void
  dispose(): void
}

/**
 * One save at a time: a request while one runs saves again once it ended, so the last state is
 * always written; several requests before a save starts make one save.
 */
export function createSaveScheduler(save: () => Promise<void>, intervalMs: number): SaveScheduler {
  let timer: ReturnType<typeof setTimeout> | undefined
  let queued = false
  let running: Promise<void> | undefined
  let disposed = false

  const run = async (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (!queued || disposed) return
    if (running !== undefined) return
    queued = false
    running = save().finally(() => {
      running = undefined
      if (queued) void run()
    })
    await running
  }
  return {
    request(urgency) {
      if (urgency === 'none' || disposed) return
      queued = true
      if (urgency === 'now') queueMicrotask(() => void run())
      else timer ??= setTimeout(() => void run(), intervalMs)
    },
    get pending() {
      return queued || running !== undefined
    },
    cancel() {
      queued = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
    dispose() {
      this.cancel()
      disposed = true
    },
  }
}
