/*
 * The one reader of code fence lines in the core. Three places ask where a fence is open: the
 * continuation seam (is the cut inside a code block?), display repair (hold back a closing marker
 * being typed) and the incremental renderer's open-fence fast path (does this line close the
 * top-level fence markdown-it opened?). They differ only in scope, which each names:
 * - anywhere: models put fences in list items and quotes, indented by more than CommonMark's three
 *   spaces, so an opening fence may follow `>` and list markers at any indentation, and a closing
 *   one may follow `>` (a list marker starts a new item instead);
 * - top level: CommonMark's own rule, as markdown-it applies it: no container, under four columns.
 * Scanned by hand, not by regular expression: a line of 100 KB of spaces costs one pass.
 */

/** What opened a fenced code block: a closing line needs the same character, at least as many. */
export interface FenceMarker {
  readonly char: '`' | '~'
  readonly length: number
}

/** Where a fence line may sit: inside containers at any indentation, or CommonMark's top level. */
export type FenceScope = 'anywhere' | 'top-level'

/** A run of fence characters at the start of a line's content. */
interface MarkerRun extends FenceMarker {
  /** Blockquote markers precede it. */
  readonly quoted: boolean
  /** List item markers precede it. */
  readonly listed: boolean
  /** Columns of spaces and tabs right before it (tabs to the next multiple of four). */
  readonly indent: number
  /** The line after the run: an opening fence's info string. */
  readonly rest: string
}

const SPACE = 32
const TAB = 9

function isBlankChar(code: number): boolean {
  return code === SPACE || code === TAB
}

/** Where the content of `line` starts, past blockquote and list markers and indentation. */
function contentStart(line: string): {
  at: number
  quoted: boolean
  listed: boolean
  indent: number
} {
  let at = 0
  let quoted = false
  let listed = false
  for (;;) {
    let indent = 0
    let i = at
    for (; i < line.length && isBlankChar(line.charCodeAt(i)); i++) {
      indent = line.charCodeAt(i) === TAB ? indent + 4 - (indent % 4) : indent + 1
    }
    const char = line[i]
    if (char === '>') {
      quoted = true
      at = i + 1
      continue
    }
    if ((char === '-' || char === '*' || char === '+') && isBlankChar(line.charCodeAt(i + 1))) {
      listed = true
      at = i + 1
      continue
    }
    let digits = i
    while (digits - i < 9 && line.charCodeAt(digits) >= 48 && line.charCodeAt(digits) <= 57)
      digits++
    const delimiter = line[digits]
    if (
      digits > i &&
      (delimiter === '.' || delimiter === ')') &&
      isBlankChar(line.charCodeAt(digits + 1))
    ) {
      listed = true
      at = digits + 1
      continue
    }
    return { at: i, quoted, listed, indent }
  }
}

/** `line` past blockquote and list markers and indentation: where a block's own syntax starts. */
export function lineContent(line: string): string {
  return line.slice(contentStart(line).at)
}

function markerRun(line: string): MarkerRun | undefined {
  const { at, quoted, listed, indent } = contentStart(line)
  const char = line[at]
  if (char !== '`' && char !== '~') return undefined
  let end = at
  while (line[end] === char) end++
  return { char, length: end - at, quoted, listed, indent, rest: line.slice(end) }
}

function inScope(run: MarkerRun, scope: FenceScope): boolean {
  return scope === 'anywhere' || (!run.quoted && !run.listed && run.indent < 4)
}

const BLANK_REST = /^[ \t]*$/

/** The fence `line` (without its line end) opens, if it is an opening fence line. */
export function readFenceOpening(
  line: string,
  scope: FenceScope = 'anywhere',
): (FenceMarker & { info: string }) | undefined {
  const run = markerRun(line)
  if (run === undefined || run.length < 3 || !inScope(run, scope)) return undefined
  // A backtick fence's info string cannot contain backticks (that is inline code, not a fence).
  if (run.char === '`' && run.rest.includes('`')) return undefined
  return { char: run.char, length: run.length, info: run.rest }
}

/**
 * Whether `line` is a fence line of either kind, opening or closing: past quote markers and
 * indentation it starts with three or more backticks or tildes.
 */
export function isFenceLine(line: string): boolean {
  const run = markerRun(line)
  return run !== undefined && run.length >= 3 && !run.listed
}

/** The run of `open`'s character that starts `line` where a closing line may stand, if any. */
function closingRun(line: string, open: FenceMarker, scope: FenceScope): MarkerRun | undefined {
  const run = markerRun(line)
  // A list marker starts a new item: it never closes a fence.
  if (run === undefined || run.listed || !inScope(run, scope) || run.char !== open.char) {
    return undefined
  }
  return run
}

/** Whether `line` (without its line end) closes a fence opened by `open`. */
export function closesFence(
  line: string,
  open: FenceMarker,
  scope: FenceScope = 'anywhere',
): boolean {
  const run = closingRun(line, open, scope)
  return run !== undefined && run.length >= open.length && BLANK_REST.test(run.rest)
}

/** Whether an unfinished last `line` may still grow into a line closing `open` (but does not yet). */
export function mayBecomeClosingFence(
  line: string,
  open: FenceMarker,
  scope: FenceScope = 'anywhere',
): boolean {
  const run = closingRun(line, open, scope)
  return run !== undefined && run.length < open.length && run.rest === ''
}

/** Whether an unfinished `line` may still grow into a fence line (wait for the rest of it). */
export function mayBecomeFenceLine(line: string): boolean {
  const { at } = contentStart(line)
  return at === line.length || line[at] === '`' || line[at] === '~'
}

/** The marker of a markdown fence string (```` ``` ````, `~~~~`). */
export function fenceMarker(markup: string): FenceMarker {
  return { char: markup[0] === '~' ? '~' : '`', length: markup.length }
}

/**
 * The fenced code block left open at the end of `text`, if any, anywhere in it (in list items and
 * quotes too), scanning line by line as CommonMark does.
 */
export function findOpenFence(text: string): FenceMarker | undefined {
  let open: FenceMarker | undefined
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (open === undefined) {
      const opening = readFenceOpening(line)
      if (opening !== undefined) open = { char: opening.char, length: opening.length }
    } else if (closesFence(line, open)) {
      open = undefined
    }
  }
  return open
}
