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

/** markdown-it's language name for a fence info string (entities are left as they are). */
export function fenceLanguage(info: string): string {
  const unescaped = info.replace(/\\([!-/:-@[-`{-~])/g, '$1').trim()
  return unescaped.split(/\s+/)[0] ?? ''
}
