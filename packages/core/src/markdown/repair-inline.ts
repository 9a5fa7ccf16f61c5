/*
 * Display repair of the inline text of the last paragraph of a streaming tail: closes what is still
 * open (`**`, `*`, `_`, `~~`, a code span) and takes back what must not be shown half-written (the
 * URL of an unfinished link, an unfinished image, a bare URL still being typed that linkify would
 * turn into a live link, math whose closing delimiter has not come yet). It follows CommonMark's
 * flanking rules closely enough to close what markdown-it would parse as openers; the result is only
 * ever displayed, never parsed back into state.
 */

import { readInlineMath } from './math-delimiters.js'

interface Delimiter {
  readonly char: string
  /** Offset of the first marker character still unmatched. */
  readonly position: number
  length: number
}

interface Bracket {
  readonly position: number
  /** Offset of the `!` of an image (`position - 1`), or `-1` for a link. */
  readonly image: number
}

const WHITESPACE = /\s/
const PUNCTUATION = /[\p{P}\p{S}]/u
const AUTOLINK_START = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:|[^\s<>@]+@)[^\s<>]*$/y
/** A word linkify (fuzzy links and emails included) may turn into a link before it is complete. */
const URL_LIKE = /:\/\/|^<?www\.|@|\.\p{L}{2,}/iu

function isWhitespace(char: string | undefined): boolean {
  return char === undefined || WHITESPACE.test(char)
}

function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && PUNCTUATION.test(char)
}

function runLength(text: string, from: number, char: string): number {
  let end = from
  while (text[end] === char) end++
  return end - from
}

/** Start of the next run of exactly `length` backticks after `from`, or `-1`. */
function closingBackticks(text: string, from: number, length: number): number {
  for (let at = text.indexOf('`', from); at !== -1; at = text.indexOf('`', at)) {
    const run = runLength(text, at, '`')
    if (run === length) return at
    at += run
  }
  return -1
}

/** Offset just after the `)` closing a link destination that starts at `from`, or `-1`. */
function destinationEnd(text: string, from: number): number {
  let depth = 0
  let angled = text[from] === '<'
  for (let i = angled ? from + 1 : from; i < text.length; i++) {
    const char = text[i]
    if (char === '\\') i++
    else if (angled && char === '>') angled = false
    else if (!angled && char === '(') depth++
    else if (!angled && char === ')') {
      if (depth === 0) return i + 1
      depth--
    }
  }
  return -1
}

/** Updates the open delimiter stack with the run of `char` at `at` (CommonMark flanking rules). */
function takeDelimiterRun(stack: Delimiter[], text: string, at: number, run: number): void {
  const char = text[at] ?? ''
  const before = text[at - 1]
  const after = text[at + run]
  const leftFlanking =
    !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before))
  const rightFlanking =
    !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after))
  const canOpen =
    char === '_' ? leftFlanking && (!rightFlanking || isPunctuation(before)) : leftFlanking
  const canClose =
    char === '_' ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking
  let remaining = run
  if (canClose) {
    for (let index = stack.length - 1; index >= 0 && remaining > 0; index--) {
      const opener = stack[index]
      if (opener?.char !== char) continue
      const used = Math.min(opener.length, remaining)
      opener.length -= used
      remaining -= used
      // Openers of other kinds between the pair stay literal, as in markdown-it.
      stack.length = opener.length === 0 ? index : index + 1
    }
  }
  if (canOpen && remaining > 0) stack.push({ char, position: at, length: remaining })
}

/** Repairs the inline text of the last paragraph of a streaming tail for display. */
export function repairInline(text: string): string {
  const openers: Delimiter[] = []
  const brackets: Bracket[] = []
  let visibleEnd = text.length
  let code: { position: number; length: number } | undefined
  let link: { open: Bracket; textEnd: number } | undefined
  let trailingBracket: Bracket | undefined

  for (let i = 0; i < text.length;) {
    const char = text[i]
    if (char === '\\' || char === '$') {
      const math = readInlineMath(text, i)
      // Math shows once it is closed, never as raw TeX first or as text after; a `$` or `\` at the
      // very end may still open it, and a closing `$` still becomes a dollar if a digit follows.
      if (math === 'unclosed' || (math === null && /^(?:\$+|\\)$/.test(text.slice(i)))) {
        visibleEnd = i
        break
      }
      if (math?.opener === '$' && math.end === text.length) {
        visibleEnd = math.end - 1
        break
      }
      i = math ? math.end : i + (char === '$' ? 1 : 2)
    } else if (char === '`') {
      const run = runLength(text, i, '`')
      const close = closingBackticks(text, i + run, run)
      if (close === -1) {
        code = { position: i, length: run }
        break
      }
      i = close + run
    } else if (char === '*' || char === '_' || char === '~') {
      const run = runLength(text, i, char)
      if (i + run === text.length) {
        // Whether a run at the very end opens or closes depends on what follows: hold it back.
        visibleEnd = i
        break
      }
      if (char !== '~' || run >= 2) takeDelimiterRun(openers, text, i, run)
      i += run
    } else if (char === '[') {
      const image = text[i - 1] === '!' && text[i - 2] !== '\\' ? i - 1 : -1
      brackets.push({ position: i, image })
      i++
    } else if (char === ']' && brackets.length > 0) {
      const open = brackets.pop() as Bracket
      if (text[i + 1] === '(') {
        const end = destinationEnd(text, i + 2)
        if (end === -1) {
          link = { open, textEnd: i }
          break
        }
        i = end
      } else {
        if (i + 1 === text.length) trailingBracket = open
        i++
      }
    } else if (char === '<' && ((AUTOLINK_START.lastIndex = i), AUTOLINK_START.test(text))) {
      visibleEnd = i
      break
    } else {
      i++
    }
  }

  const removed: number[] = []
  if (code && text.slice(code.position + code.length).trim() === '') {
    visibleEnd = code.position
    code = undefined
  }
  if (link) {
    // The text of an unfinished link is shown without its brackets and without any href; an
    // unfinished image is not shown at all, so no request goes to a truncated URL.
    visibleEnd = link.open.image >= 0 ? link.open.image : link.textEnd
    if (link.open.image < 0) removed.push(link.open.position)
  }
  if (!code) {
    const wordStart = Math.max(
      text.lastIndexOf(' ', visibleEnd - 1),
      text.lastIndexOf('\n', visibleEnd - 1),
      text.lastIndexOf('\t', visibleEnd - 1),
    )
    if (URL_LIKE.test(text.slice(wordStart + 1, visibleEnd))) visibleEnd = wordStart + 1
  }
  if (trailingBracket && !code && !link && visibleEnd === text.length) {
    // `[text]` at the very end may still get its `(url)`: show the text without the brackets.
    const { position, image } = trailingBracket
    if (image >= 0) visibleEnd = image
    else if (text.slice(position + 1, -1).trim() === '') visibleEnd = position
    else removed.push(position, text.length - 1)
  }
  for (let index = brackets.length - 1; index >= 0; index--) {
    const bracket = brackets[index] as Bracket
    if (bracket.position >= visibleEnd) continue
    if (bracket.image >= 0) visibleEnd = bracket.image
    else if (text.slice(bracket.position + 1, visibleEnd).trim() === '')
      visibleEnd = bracket.position
    else removed.push(bracket.position)
  }

  let open = openers.filter((opener) => opener.position < visibleEnd)
  if (!code) {
    // An opener with nothing after it yet is taken back rather than closed: `1. **` closed as
    // `1. ****` would flash a rule.
    for (let last = open.at(-1); last; last = open.at(-1)) {
      if (text.slice(last.position + last.length, visibleEnd).trim() !== '') break
      visibleEnd = last.position
      open = open.slice(0, -1)
    }
  }

  let shown = ''
  let from = 0
  for (const position of removed.filter((at) => at < visibleEnd).sort((a, b) => a - b)) {
    shown += text.slice(from, position)
    from = position + 1
  }
  shown += text.slice(from, visibleEnd)
  if (code) shown += (shown.endsWith('`') ? ' ' : '') + '`'.repeat(code.length)
  if (open.length === 0) return shown
  if (!code) shown = shown.trimEnd()
  for (let index = open.length - 1; index >= 0; index--) {
    const opener = open[index]
    if (opener) shown += opener.char.repeat(opener.length)
  }
  return shown
}
