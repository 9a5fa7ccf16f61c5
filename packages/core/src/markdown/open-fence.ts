/** A top-level code fence that runs to the end of the source so far, described for display. */
export interface OpenFence {
  /** The opening marker: three or more backticks or tildes. */
  readonly markup: string
  /** The raw info string after the marker. */
  readonly info: string
  /** The first word of the info string, backslash escapes removed (markdown-it's language name). */
  readonly lang: string
  /**
   * The code body as displayed: what markdown-it puts in the fence, minus a trailing unfinished line
   * that may still grow into the closing marker (so a half-typed ``` `` ``` never flashes). Grows
   * append-only while the fence is open, so a UI can append and highlight only the new lines.
   */
  readonly code: string
  /** The length of {@link OpenFence.code}. */
  readonly codeLength: number
  /**
   * `code.slice(from)`, read without copying the whole body: an append-only view calls it with the
   * length it already shows, so each update costs the size of the new text, not of the fence.
   */
  codeSince(from: number): string
}

const SPACE = 32
const TAB = 9

/** markdown-it's language name for a fence info string (entities are left as they are). */
export function fenceLanguage(info: string): string {
  const unescaped = info.replace(/\\([!-/:-@[-`{-~])/g, '$1').trim()
  return unescaped.split(/\s+/)[0] ?? ''
}

/**
 * Where the marker run of `line` starts when the line is indented less than four columns (the
 * fence rule's limit, tabs counting to the next multiple of four), else `-1`.
 */
function markerStart(line: string): number {
  let column = 0
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i)
    if (code === SPACE) column++
    else if (code === TAB) column += 4 - (column % 4)
    else return column < 4 ? i : -1
    if (column >= 4) return -1
  }
  return -1
}

/** The length of the run of `markup[0]` at `from` and whether only spaces and tabs follow it. */
function markerRun(line: string, from: number, marker: string): { length: number; bare: boolean } {
  let end = from
  while (line[end] === marker) end++
  const rest = line.slice(end)
  return { length: end - from, bare: /^[ \t]*$/.test(rest) }
}

/** Whether `line` (without its line end) closes a fence opened with `markup`. */
export function closesFence(line: string, markup: string): boolean {
  const start = markerStart(line)
  if (start === -1 || line[start] !== markup[0]) return false
  const run = markerRun(line, start, markup[0] ?? '')
  return run.bare && run.length >= markup.length
}

/** Whether an unfinished last `line` may still become the closing marker of `markup` (but is not yet). */
export function mayBecomeClosingFence(line: string, markup: string): boolean {
  const start = markerStart(line)
  if (start === -1 || line[start] !== markup[0]) return false
  const run = markerRun(line, start, markup[0] ?? '')
  return run.length < markup.length && start + run.length === line.length
}
