import { findOpenFence } from '../markdown/fence-line.js'
import { stripFenceReopening } from './fence-reopening.js'

/**
 * How much of a new round is held back at most while looking for a repeat. A model that repeats
 * itself repeats the last sentence or line, rarely more; holding back costs display latency only at
 * the seam.
 */
const MAX_HEAD = 400
/** How far back in the previous text a repeat is looked for. */
const TAIL = 400
/** Fewer letters or digits than this in common is coincidence (`a`, `)`, a space), not a repeat. */
const MIN_OVERLAP_WORD_CHARS = 2

const WORD_CHAR = /[\p{L}\p{N}]/gu
// Characters that glue a word together. Han and kana are left out: Chinese and Japanese have no
// spaces, so every character boundary is a word boundary there.
const JOINING_START = /^(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}_]/u
const JOINING_END = /(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}_]$/u
const LEADING_SPACE = /^\s+/
const LEADING_BLANKS = /^[ \t]+/
const TRAILING_BLANK = /[ \t]$/

function countWordChars(text: string): number {
  return text.match(WORD_CHAR)?.length ?? 0
}

/**
 * A repeat must start where a word starts in the previous text: `nation` at the end of
 * `concatenation` is not a repeat of a new round that starts with `nation states`.
 */
function isMeaningfulOverlap(prev: string, overlap: string): boolean {
  if (countWordChars(overlap) < MIN_OVERLAP_WORD_CHARS) return false
  const before = prev.slice(0, prev.length - overlap.length)
  return !(JOINING_END.test(before) && JOINING_START.test(overlap))
}

/** The length of the longest meaningful repeat: a start of `text` that is also the end of `prev`. */
function overlapLength(prev: string, text: string): number {
  for (let k = Math.min(prev.length, text.length, TAIL); k > 0; k--) {
    const candidate = text.slice(0, k)
    if (prev.endsWith(candidate) && isMeaningfulOverlap(prev, candidate)) return k
  }
  return 0
}

/** How many characters at the start of `text` repeat the end of `prev` (leading whitespace included). */
function repeatedLength(prev: string, text: string): number {
  const direct = overlapLength(prev, text)
  if (direct > 0) return direct
  // "…last words." + "\n\nlast words. More" is a repeat too: the model restarted on a fresh line.
  const lead = LEADING_SPACE.exec(text)?.[0].length ?? 0
  if (lead === 0) return 0
  const after = overlapLength(prev, text.slice(lead))
  return after > 0 ? lead + after : 0
}

/** True while more text could still turn into a longer repeat, so deciding now could be wrong. */
function mayGrow(prev: string, text: string): boolean {
  const tail = prev.slice(-TAIL)
  for (const candidate of [text, text.replace(LEADING_SPACE, '')]) {
    if (candidate === '') return true
    // Found before the very end of the tail: the text so far may be the start of a repeat.
    const at = tail.indexOf(candidate)
    if (at !== -1 && at + candidate.length < tail.length) return true
  }
  return false
}

/**
 * Joins the start of a continuation round (`head`) to the text emitted so far (`prev`) and returns
 * the part of `head` to emit, or `undefined` when it cannot decide yet (call again with more text, or
 * with `final` when the round ended).
 *
 * 1. Inside an open code fence, a fence re-opening at the start (```` ```ts ````) is removed.
 * 2. The longest start of `head` that repeats the end of `prev` is removed, if it holds at least two
 *    letters or digits and starts at a word start in `prev` (so `a`, `)` or a space never count).
 *    This also joins a restarted word: `Hello wor` + `world` gives `Hello world`.
 * 3. Spaces at the seam collapse to one; newlines are kept (they are markdown structure).
 *
 * No text is added except one newline after a removed fence re-opening when the code did not end
 * with one. A word cut in the middle and continued without a repeat (`wor` + `ld`) is joined as is.
 * @internal
 */
export function joinSeam(prev: string, head: string, final: boolean): string | undefined {
  const canWait = !final && head.length < MAX_HEAD
  let text = head
  let leading = ''
  let reopened = false
  if (findOpenFence(prev) !== undefined) {
    const reopening = stripFenceReopening(head)
    if (reopening.kind === 'pending' && canWait) return undefined
    if (reopening.kind === 'removed') {
      leading = reopening.leading
      text = reopening.rest
      reopened = true
    }
  }
  if (canWait && mayGrow(prev, text)) return undefined
  const repeated = repeatedLength(prev, text)
  let rest = text.slice(repeated)
  if (reopened && repeated === 0 && leading === '' && !prev.endsWith('\n') && /^[^\n]/.test(rest)) {
    // The model started a fresh line of code after its fence; without the fence it needs the newline.
    rest = `\n${rest}`
  }
  rest = leading + rest
  if (TRAILING_BLANK.test(prev)) rest = rest.replace(LEADING_BLANKS, '')
  return rest
}
