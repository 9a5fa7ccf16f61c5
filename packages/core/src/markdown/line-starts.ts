const LF = 10
const CR = 13

/**
 * Offsets at which the lines of `text` start, counting `\r\n`, `\r` and `\n` as line ends, as
 * markdown-it's normalize step does, so index `n` is the start of markdown-it's line `n`. When the
 * text ends with a line end, the last entry is `text.length`.
 */
export function lineStarts(text: string): number[] {
  const starts = [0]
  if (text.indexOf('\r') === -1) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
      starts.push(at + 1)
    }
    return starts
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === CR && text.charCodeAt(i + 1) === LF) i++
    if (code === LF || code === CR) starts.push(i + 1)
  }
  return starts
}

/**
 * Whether line `line` already has its line end. A `\r` at the very end does not count yet: the next
 * chunk may bring the `\n` of a `\r\n`, and the line is only settled once its end is.
 */
export function isLineTerminated(text: string, starts: readonly number[], line: number): boolean {
  const next = starts[line + 1]
  if (next === undefined) return false
  return next < text.length || text.charCodeAt(text.length - 1) !== CR
}

/** Whether line `line` holds only spaces and tabs (markdown-it's "empty line"). */
export function isBlankLine(text: string, starts: readonly number[], line: number): boolean {
  const begin = starts[line] ?? text.length
  const end = starts[line + 1] ?? text.length
  for (let i = begin; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code !== 32 && code !== 9 && code !== LF && code !== CR) return false
  }
  return true
}
