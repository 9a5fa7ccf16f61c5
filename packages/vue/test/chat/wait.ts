import type { ManualClock } from '@typewriter-chat/core/testing'

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Waits for `condition`, running typewriter frames meanwhile when a clock is given. */
export async function until(condition: () => boolean, clock?: ManualClock): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (condition()) return
    clock?.tick()
    await sleep(2)
  }
  throw new Error('timed out waiting')
}
