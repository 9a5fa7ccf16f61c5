import type { AppendOnlyText } from './append-only-text.js'
import { isLineTerminated } from './line-starts.js'
import type { MarkdownToken } from './markdown-engine.js'
import { closesFence, fenceMarker, mayBecomeClosingFence } from './fence-line.js'
import { fenceLanguage, type OpenFence } from './open-fence.js'

/*
 * A tail that is one open top-level fence is the one block that can grow without bound (a 3,000-line
 * file), and re-parsing it per update is O(fence). While it stays open nothing but its body changes,
 * so only appended text needs scanning for a closing marker, and its html can come from markdown-it's
 * own fence token with the new body. The tail string itself is not read while the fence grows: it is
 * built with `+=`, and reading it would make V8 copy it whole on every update. The shortcut holds for
 * a fence at column 0 (its body is then the raw text after the opening line) in text without `\r`
 * or NUL (which markdown-it's normalize step would rewrite); anything else takes the regular parse.
 */

/** An open fence that is the whole tail, tracked between updates by offsets only. */
export interface OpenFenceTail {
  /** The fence token of the last full parse, cloned with the new body for rendering. */
  readonly token: MarkdownToken
  /** Offset in the tail where the body starts (after the opening line). */
  readonly bodyStart: number
  /** Offset in the tail where the last, unfinished line starts. */
  readonly lastLineStart: number
  /** The tail's length. */
  readonly length: number
  /** Line ends in the tail. */
  readonly lineEnds: number
  /** The unfinished last line while it holds only blanks and marker characters, else `null`. */
  readonly closingCandidate: string | null
  /** Whether the unfinished last line holds only spaces and tabs so far. */
  readonly lastLineBlank: boolean
}

/** Whether markdown-it's normalize step would rewrite `text` (CR line ends, NUL characters). */
function needsNormalizing(text: string): boolean {
  return text.includes('\r') || text.includes('\u0000')
}

const BLANK = /^[ \t]*$/

/** The line as a closing-marker candidate: `null` once it has a character no closing line has. */
function candidate(line: string, markup: string): string | null {
  for (const char of line) if (char !== ' ' && char !== '\t' && char !== markup[0]) return null
  return line
}

/**
 * Recognizes a tail made of one open fence from its fresh parse.
 *
 * @param tokens - the tail's tokens, after frozen blocks were cut off.
 * @param text - the text that was parsed; the tail is `text.slice(cut)`.
 * @param starts - line starts of `text`.
 * @param cutLine - the line of `text` at which the tail starts.
 */
export function detectOpenFence(
  tokens: readonly MarkdownToken[],
  text: string,
  starts: readonly number[],
  cutLine: number,
): OpenFenceTail | null {
  const token = tokens[0]
  if (tokens.length !== 1 || token?.type !== 'fence' || !token.map) return null
  const [first, end] = token.map
  const cut = starts[cutLine] ?? 0
  const opening = starts[first] ?? 0
  const bodyStart = starts[first + 1]
  if (bodyStart === undefined || text[opening] !== token.markup[0]) return null
  if (!isLineTerminated(text, starts, first) || needsNormalizing(text.slice(bodyStart))) return null
  const lastMapped = end - 1
  const lastText = text.slice(starts[lastMapped] ?? 0, starts[lastMapped + 1] ?? text.length)
  if (
    lastMapped > first &&
    closesFence(lastText.replace(/\n$/, ''), fenceMarker(token.markup), 'top-level')
  )
    return null
  const lastLineStart = starts[starts.length - 1] ?? 0
  const lastLine = text.slice(lastLineStart)
  return {
    token: cloneToken(token, { map: [first - cutLine, end - cutLine] }),
    bodyStart: bodyStart - cut,
    lastLineStart: lastLineStart - cut,
    length: text.length - cut,
    lineEnds: starts.length - 1 - cutLine,
    closingCandidate: candidate(lastLine, token.markup),
    lastLineBlank: BLANK.test(lastLine),
  }
}

/**
 * The same open fence after `delta` was appended to the tail, or `null` when the appended text
 * closes it or needs the regular parse. Reads only `delta`.
 */
export function extendOpenFence(fence: OpenFenceTail, delta: string): OpenFenceTail | null {
  if (needsNormalizing(delta)) return null
  const markup = fence.token.markup
  const marker = fenceMarker(markup)
  let { closingCandidate: line, lastLineBlank: blank, lastLineStart, lineEnds } = fence
  let from = 0
  for (let end = delta.indexOf('\n'); end !== -1; end = delta.indexOf('\n', from)) {
    if (line !== null && closesFence(line + delta.slice(from, end), marker, 'top-level'))
      return null
    lastLineStart = fence.length + end + 1
    lineEnds++
    line = ''
    blank = true
    from = end + 1
  }
  const rest = delta.slice(from)
  if (line !== null) {
    line = candidate(line + rest, markup)
    if (line !== null && closesFence(line, marker, 'top-level')) return null
  }
  blank = blank && BLANK.test(rest)
  return {
    ...fence,
    lastLineStart,
    length: fence.length + delta.length,
    lineEnds,
    closingCandidate: line,
    lastLineBlank: blank,
  }
}

/**
 * The fence body markdown-it would produce: the text after the opening line, except a last line of
 * only spaces and tabs, which markdown-it does not count as a line until something else arrives.
 */
export function openFenceBody(fence: OpenFenceTail, tail: string): string {
  return tail.slice(fence.bodyStart, fence.lastLineBlank ? fence.lastLineStart : fence.length)
}

/** The fence token for rendering the open fence with `body` (markdown-it's renderer rules apply). */
export function fenceToken(fence: OpenFenceTail, body: string): MarkdownToken {
  const token = fence.token
  const lines = fence.lineEnds + (fence.lastLineBlank ? 0 : 1)
  return cloneToken(token, { content: body, map: [token.map?.[0] ?? 0, lines] })
}

/** How many characters at the end of the body are a closing marker still being typed. */
export function withheldLength(fence: OpenFenceTail): number {
  const line = fence.closingCandidate
  return line !== null && mayBecomeClosingFence(line, fenceMarker(fence.token.markup), 'top-level')
    ? line.length
    : 0
}

/** The length of the fence's code as displayed: its body minus a closing marker being typed. */
function codeLength(fence: OpenFenceTail): number {
  const bodyEnd = fence.lastLineBlank ? fence.lastLineStart : fence.length
  return Math.min(bodyEnd, fence.length - withheldLength(fence)) - fence.bodyStart
}

/**
 * The open fence as the UI sees it, with a closing marker still being typed left out of the code.
 *
 * @param body - the body text since the opening line, as appended.
 */
export function describeOpenFence(fence: OpenFenceTail, body: AppendOnlyText): OpenFence {
  const token = fence.token
  const length = codeLength(fence)
  let code: string | undefined
  return {
    markup: token.markup,
    info: token.info,
    lang: fenceLanguage(token.info),
    get code() {
      code ??= body.slice(0, length)
      return code
    },
    codeLength: length,
    codeSince: (from) => body.slice(from, length),
  }
}

/** A copy of `token` with some fields replaced, keeping its prototype (renderer rules call its methods). */
function cloneToken(token: MarkdownToken, changes: Partial<MarkdownToken>): MarkdownToken {
  const copy = Object.create(Object.getPrototypeOf(token) as object) as MarkdownToken
  return Object.assign(copy, token, changes)
}
