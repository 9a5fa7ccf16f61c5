/*
 * The one reader of TeX math delimiters: the kit's markdown-it math rules and the display repair of
 * a streaming tail both ask where math starts and ends, and must agree, or a formula would render
 * in one and flash as text in the other. Pandoc's rules, so prices stay prose:
 * - `$…$`: no space after the opening `$`, none before the closing one, no digit right after it
 *   (`$5 and $10`, `$ 20` and `3$` are text);
 * - `$$…$$`, `\(…\)`, `\[…\]`: any non-blank content; spaces next to the delimiters are fine;
 * - a backslash escapes the next character everywhere, so `\$` is a dollar and never a delimiter.
 */

/** An opening math delimiter. */
export type MathOpener = '$' | '$$' | '\\(' | '\\['

/** Inline or display math found in a text. */
export interface MathSpan {
  readonly opener: MathOpener
  /** `$$` and `\[` are display math, `$` and `\(` inline. */
  readonly display: boolean
  /** The TeX between the delimiters. */
  readonly tex: string
  /** Offset just after the closing delimiter. */
  readonly end: number
}

const CLOSERS: Readonly<Record<MathOpener, string>> = {
  $: '$',
  $$: '$$',
  '\\(': '\\)',
  '\\[': '\\]',
}

const WHITESPACE = /\s/
const DIGIT = /[0-9]/

/** The opener at `at`, if one is written there. */
function openerAt(text: string, at: number): MathOpener | null {
  const char = text[at]
  if (char === '$') return text[at + 1] === '$' ? '$$' : '$'
  if (char === '\\') {
    const next = text[at + 1]
    if (next === '(') return '\\('
    if (next === '[') return '\\['
  }
  return null
}

/**
 * Offset of the closer of `opener` in `[from, max)`, or `-1`: the first one, escapes skipped. As in
 * pandoc, a `$` that cannot close (it follows a space or a digit follows it) leaves the opening `$`
 * a dollar sign rather than letting a later `$` close it: `$5 and $10, $x$` has one formula.
 */
function closerIndex(text: string, from: number, max: number, opener: MathOpener): number {
  const closer = CLOSERS[opener]
  for (let i = from; i < max; i++) {
    if (text.startsWith(closer, i) && i + closer.length <= max) {
      if (opener !== '$') return i
      return WHITESPACE.test(text[i - 1] ?? ' ') || DIGIT.test(text[i + 1] ?? '') ? -1 : i
    }
    if (text[i] === '\\') i++
  }
  return -1
}

/**
 * The math that starts at `at` in `text[0, max)`: a {@link MathSpan} when it is closed, `'unclosed'`
 * when an unambiguous opener (`$$`, `\(`, `\[`) has no closer yet, `null` when no math starts
 * there (a single `$` without its closer is a dollar sign).
 */
export function readInlineMath(
  text: string,
  at: number,
  max = text.length,
): MathSpan | 'unclosed' | null {
  const opener = openerAt(text, at)
  if (opener === null) return null
  const from = at + opener.length
  if (opener === '$' && (from >= max || WHITESPACE.test(text[from] ?? ''))) return null
  const close = closerIndex(text, from, max, opener)
  const tex = close === -1 ? '' : text.slice(from, close)
  if (close === -1 || tex.trim() === '') return opener === '$' ? null : 'unclosed'
  const display = opener === '$$' || opener === '\\['
  return { opener, display, tex, end: close + CLOSERS[opener].length }
}

/** The first line of a display math block. */
export interface MathBlockOpening {
  readonly opener: '$$' | '\\['
  /** The closing delimiter the block waits for. */
  readonly closer: string
  /** TeX after the opener: the whole formula when {@link MathBlockOpening.closed}. */
  readonly tex: string
  /** The formula ends on this line. */
  readonly closed: boolean
}

/**
 * Whether `line` (its content, indentation removed) opens a display math block: it starts with
 * `$$` or `\[`, and either has no closer (the block goes on) or ends right after it. A line with
 * text after the closer is a paragraph holding display math, not a block.
 */
export function readMathBlockOpening(line: string): MathBlockOpening | null {
  const opener = openerAt(line, 0)
  if (opener !== '$$' && opener !== '\\[') return null
  const closer = CLOSERS[opener]
  const close = closerIndex(line, 2, line.length, opener)
  if (close === -1) return { opener, closer, tex: line.slice(2), closed: false }
  const tex = line.slice(2, close)
  if (tex.trim() === '' || line.slice(close + closer.length).trim() !== '') return null
  return { opener, closer, tex, closed: true }
}

/**
 * The TeX on `line`, a line of an open math block, before the block's closing delimiter, or `null`
 * when the line does not close the block (the first closer on it must end the line).
 */
export function readMathBlockClosing(line: string, opening: MathBlockOpening): string | null {
  const close = closerIndex(line, 0, line.length, opening.opener)
  if (close === -1 || line.slice(close + opening.closer.length).trim() !== '') return null
  return line.slice(0, close)
}
