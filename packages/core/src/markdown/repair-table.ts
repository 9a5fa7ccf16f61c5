/*
 * A table header row streams in before its delimiter row, so markdown-it shows it as a paragraph of
 * pipes until the delimiter row is complete and the whole thing jumps into a table. For display, a
 * header row at the end gets a synthesized delimiter row, and a delimiter row still being typed is
 * replaced by a complete one with the header's column count.
 */

const DELIMITER_ROW = /^\|?[ \t]*:?-*:?[ \t]*(?:\|[ \t]*:?-*:?[ \t]*)*$/

/** markdown-it's cell count of a table row: split at unescaped pipes, outer empty cells dropped. */
function cellCount(row: string): number {
  const cells = row.trim().split(/(?<!\\)\|/)
  if (cells[0] === '') cells.shift()
  if (cells.at(-1) === '') cells.pop()
  return cells.length
}

function isTableRow(line: string | undefined): line is string {
  return line !== undefined && line.trimStart().startsWith('|')
}

function delimiterRow(columns: number): string {
  return '|' + ' --- |'.repeat(columns)
}

/** Adds or completes the delimiter row of a table whose header row ends `text`. */
export function withSynthesizedDelimiterRow(text: string): string {
  const lines = text.split('\n')
  const lastLinePartial = lines.at(-1) !== ''
  if (!lastLinePartial) lines.pop()
  const last = lines.at(-1)
  const previous = lines.at(-2)
  const beforePrevious = lines.at(-3)
  if (
    lastLinePartial &&
    last !== undefined &&
    /[|-]/.test(last) &&
    DELIMITER_ROW.test(last.trim()) &&
    isTableRow(previous) &&
    !isTableRow(beforePrevious)
  ) {
    const columns = cellCount(previous)
    if (columns === 0) return text
    return text.slice(0, text.length - last.length) + delimiterRow(columns)
  }
  if (!isTableRow(last) || isTableRow(previous) || DELIMITER_ROW.test(last.trim())) return text
  const columns = cellCount(last)
  if (columns === 0) return text
  return (lastLinePartial ? text + '\n' : text) + delimiterRow(columns)
}
