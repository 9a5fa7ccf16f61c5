/*
 * Which frozen blocks may use a reference label. A conservative test is enough (a false positive only
 * costs one re-render whose html comes out unchanged), but a miss would leave a stale block, so it
 * must survive everything between the block source and the label markdown-it looks up: container
 * markers (`>`, indentation) inside a multi-line label, whitespace collapsing, case folding, and the
 * `\|` unescaping of table cells. Both sides are case-folded the way markdown-it's
 * `normalizeReference` does and cut into pieces at whitespace and ASCII punctuation; a block is a
 * candidate when it holds every piece of the label.
 */

const SEPARATORS = /[\s!-/:-@[-`{-~\ufffd]+/

function pieces(text: string): string[] {
  // markdown-it's normalize step turns NUL into U+FFFD before the label is read.
  return text
    .replaceAll('\u0000', '\ufffd')
    .toLowerCase()
    .toUpperCase()
    .split(SEPARATORS)
    .filter((piece) => piece !== '')
}

/** The pieces of a block's source, or `null` when it has no `]` and so cannot use any label. */
export function referencePieces(source: string): ReadonlySet<string> | null {
  return source.includes(']') ? new Set(pieces(source)) : null
}

/** Whether a block with these pieces may render differently when `label` is (re)defined. */
export function mayUseLabel(blockPieces: ReadonlySet<string> | null, label: string): boolean {
  if (!blockPieces) return false
  return pieces(label).every((piece) => blockPieces.has(piece))
}
