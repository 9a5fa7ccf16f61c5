import { findOpenFence, isFenceLine, mayBecomeClosingFence } from './fence-line.js'
import { findOpenMathBlock } from './open-math.js'
import { repairInline } from './repair-inline.js'
import { withSynthesizedDelimiterRow } from './repair-table.js'

interface Line {
  readonly start: number
  /** The line without its line end. */
  readonly text: string
}

const QUOTE_PREFIX = /^[ \t]*(?:>[ \t]*)*/
/** Starts of lines that begin their own inline context (heading, list item, table row). */
const CONTEXT_START = /^(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|\|)/
/** Lines that end an inline context: setext underlines and thematic breaks. */
const CONTEXT_END = /^(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$/
/**
 * Unfinished last lines that would flash the wrong structure for a moment: a lone `-`/`--` (list
 * item, setext heading), `*`/`+`/`_`/`=` runs, an empty heading, a lone number (`2` before `2.`
 * rejoins a list), a partial fence opener, a lone `|`.
 */
/** The start of a link reference definition: it renders as nothing, and its URL may be cut short. */
const DEFINITION_START = /^ {0,3}\[(?:[^\\\]]|\\.)+\]:/
const AMBIGUOUS_LINE = /^(?:[-*_=+ \t]+|#{1,6}[ \t]*|\d{1,9}(?:[.)][ \t]*)?|`{1,2}|~{1,2}|\|)$/

function splitLines(source: string): Line[] {
  const lines: Line[] = []
  const pattern = /\r\n|\r|\n/g
  let start = 0
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    lines.push({ start, text: source.slice(start, match.index) })
    start = match.index + match[0].length
  }
  lines.push({ start, text: source.slice(start) })
  return lines
}

/** Start of the inline context (paragraph, heading, list item, table row) the tail ends in. */
function lastContextStart(lines: readonly Line[], endsWithLineEnd: boolean): number {
  const last = endsWithLineEnd ? lines.length - 2 : lines.length - 1
  for (let index = last; index >= 0; index--) {
    const line = lines[index] as Line
    const content = line.text.replace(QUOTE_PREFIX, '')
    if (content.trim() === '' || isFenceLine(content) || CONTEXT_END.test(content)) {
      return lines[index + 1]?.start ?? 0
    }
    if (CONTEXT_START.test(content.trimStart())) return line.start
  }
  return 0
}

/**
 * Repairs the open tail of a streaming markdown source for display only, so half-written syntax
 * never flashes: closes unclosed `**`, `*`, `_`, `~~` and code spans; holds back math whose closing
 * delimiter has not come yet (`$$`, `\(`, `\[`, and the `$` that may still be followed by a digit);
 * leaves an open display math block to render as the source it has so far; shows an unfinished link as
 * its text without an `href` and hides an unfinished image; holds back a bare URL until it is
 * complete; withholds an unfinished last line that would flash the wrong block (`-`, `--`, `>`,
 * `2`, `#`, a partial fence marker, or a partial closing fence inside an open fence); and adds a
 * table delimiter row under a header row still waiting for its own.
 *
 * The result must never be frozen or fed back as source: it is a guess about text not yet seen.
 *
 * @param source - the open tail (the part after the frozen blocks), not the whole document.
 * @returns the text to render in place of `source` while it is still streaming.
 */
export function repairMarkdownTail(source: string): string {
  let lines = splitLines(source)
  const endsWithLineEnd = lines.length > 1 && lines.at(-1)?.text === ''
  const lastLine = lines.at(-1) as Line
  const math = findOpenMathBlock(source)
  if (math) {
    // Like an open fence, an open display math block runs to the end and shows its source; only a
    // closing delimiter being typed (the `$` of `$$`, the `\` of `\]`) is held back.
    const kept = lastLine.text.trimEnd()
    return kept.endsWith(math.closer.charAt(0))
      ? source.slice(0, lastLine.start + kept.length - 1)
      : source
  }
  const fence = findOpenFence(source)
  if (fence) {
    // markdown-it runs an open fence to the end: fine as is, except a closing marker being typed.
    return mayBecomeClosingFence(lastLine.text, fence) ? source.slice(0, lastLine.start) : source
  }
  let text = source
  let lastPartial = !endsWithLineEnd
  if (lastPartial && DEFINITION_START.test(lastLine.text.replace(QUOTE_PREFIX, ''))) {
    text = source.slice(0, lastLine.start)
    lines = lines.slice(0, -1).concat({ start: lastLine.start, text: '' })
    lastPartial = false
  }
  const contextStart = lastContextStart(lines, !lastPartial)
  let repaired = text.slice(0, contextStart) + repairInline(text.slice(contextStart))
  if (lastPartial) {
    const lastStart = Math.max(repaired.lastIndexOf('\n'), repaired.lastIndexOf('\r')) + 1
    const last = repaired.slice(lastStart)
    const content = last.replace(QUOTE_PREFIX, '')
    if (
      (content === '' && last.includes('>')) ||
      (content !== '' && AMBIGUOUS_LINE.test(content))
    ) {
      repaired = repaired.slice(0, lastStart)
    }
  }
  return withSynthesizedDelimiterRow(repaired)
}
