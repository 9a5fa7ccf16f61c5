/** A fenced code block that has been opened and not closed yet. @internal */
export interface OpenFence {
  /** The fence character: a backtick or a tilde. */
  char: '`' | '~'
  /** How many fence characters opened it; a closing fence needs at least as many. */
  length: number
}

// Indentation and blockquote markers are allowed before a fence: models put code blocks inside list
// items and quotes all the time, and there the fence is indented by more than CommonMark's 3 spaces.
const FENCE_LINE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})(.*)$/

/**
 * The fenced code block left open at the end of `text`, if any, scanning line by line as CommonMark
 * does: a fence closes only with the same character, at least as long, and nothing after it.
 * @internal
 */
export function findOpenFence(text: string): OpenFence | undefined {
  let open: OpenFence | undefined
  for (const line of text.split('\n')) {
    const match = FENCE_LINE.exec(line)
    if (match === null) continue
    const fence = match[1] ?? ''
    const after = match[2] ?? ''
    const char = fence[0] === '`' ? '`' : '~'
    if (open === undefined) {
      // A backtick fence's info string cannot contain backticks (that is inline code, not a fence).
      if (char === '`' && after.includes('`')) continue
      open = { char, length: fence.length }
    } else if (char === open.char && fence.length >= open.length && after.trim() === '') {
      open = undefined
    }
  }
  return open
}

/** What {@link stripFenceReopening} found at the start of a continuation. @internal */
export type FenceReopening =
  | { kind: 'none' }
  /** The start could still become a fence line: wait for more text. */
  | { kind: 'pending' }
  /** A fence line with an info string (```` ```ts ````) was removed; `rest` is what follows it. */
  | { kind: 'removed'; leading: string; rest: string }

const LEADING_BLANK_LINES = /^(?:[ \t]*\n)*/
const FENCE_PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:`+|~+)[^\n]*$|^[ \t>]*$/

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
  if (newline === -1) return FENCE_PREFIX.test(start) ? { kind: 'pending' } : { kind: 'none' }
  const match = FENCE_LINE.exec(start.slice(0, newline))
  if (match === null) return { kind: 'none' }
  const fence = match[1] ?? ''
  const info = (match[2] ?? '').trim()
  if (info === '' || (fence[0] === '`' && info.includes('`'))) return { kind: 'none' }
  return { kind: 'removed', leading, rest: start.slice(newline + 1) }
}
