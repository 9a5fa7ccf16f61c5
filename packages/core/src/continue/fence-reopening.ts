import { mayBecomeFenceLine, readFenceOpening } from '../markdown/fence-line.js'

/** What {@link stripFenceReopening} found at the start of a continuation. @internal */
export type FenceReopening =
  | { kind: 'none' }
  /** The start could still become a fence line: wait for more text. */
  | { kind: 'pending' }
  /** A fence line with an info string (```` ```ts ````) was removed; `rest` is what follows it. */
  | { kind: 'removed'; leading: string; rest: string }

const LEADING_BLANK_LINES = /^(?:[ \t]*\n)*/

/**
 * Looks for a fence *opening* at the start of a continuation that began inside an open code block.
 * Models asked to continue often start a new block (```` ```python ````) although the previous one is
 * still open; kept, it would close the open block and turn the rest of the code into prose.
 *
 * Only a fence with an info string is treated as a re-opening. A bare ```` ``` ```` is what closes a
 * block, and a model that ends its code right at the seam writes exactly that, so it is kept.
 * Blank lines before the fence are kept (`leading`): they are part of the code.
 * @internal
 */
export function stripFenceReopening(head: string): FenceReopening {
  const leading = LEADING_BLANK_LINES.exec(head)?.[0] ?? ''
  const start = head.slice(leading.length)
  const newline = start.indexOf('\n')
  if (newline === -1) return mayBecomeFenceLine(start) ? { kind: 'pending' } : { kind: 'none' }
  const opening = readFenceOpening(start.slice(0, newline))
  if (opening === undefined || opening.info.trim() === '') return { kind: 'none' }
  return { kind: 'removed', leading, rest: start.slice(newline + 1) }
}
