import { isBlankLine, isLineTerminated } from './line-starts.js'
import type { MarkdownToken } from './markdown-engine.js'

/**
 * Blocks that no line after a blank line can rejoin. Lists and indented code can continue after one,
 * and so might a plugin's block, so only these are listed.
 */
const ENDED_BY_BLANK = new Set([
  'paragraph_open',
  'heading_open',
  'blockquote_open',
  'table_open',
  'fence',
  'hr',
  'html_block',
  // The kit's display math (`$$…$$`, `\[…\]`): a top-level one followed by a block was closed.
  'math_block',
])

/** A top-level block of a parsed text: where its tokens and its first source line start. */
export interface TopLevelBlock {
  /** Index of the block's first token. */
  readonly token: number
  /** The block's first line, relative to the parsed text. */
  readonly line: number
}

/**
 * The top-level blocks of a markdown-it token stream, found from the `map` of level-0 opening and
 * self-contained tokens. Tokens before the first mapped one (a plugin's) belong to the first block.
 */
export function topLevelBlocks(tokens: readonly MarkdownToken[]): TopLevelBlock[] {
  const blocks: TopLevelBlock[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token?.map && token.level === 0 && token.nesting !== -1) {
      blocks.push({ token: blocks.length === 0 ? 0 : i, line: token.map[0] })
    }
  }
  return blocks
}

/**
 * How many leading blocks of the open tail can be frozen: every block before the last one whose
 * start is settled, i.e. no text appended later can move that start or merge it into the block above.
 *
 * A start at line `L` is settled when
 * - line `L` has its line end: until then its block type is open (`2` may become `2.` and continue
 *   the list above, `-` may become a setext underline). Not needed after a blank line that ends a
 *   block no line can rejoin (a paragraph, heading, fence...): LLM paragraphs are single long
 *   lines, and waiting for their line end would keep re-parsing the block above for all of it;
 * - for a table, line `L + 1` has its line end too: the delimiter row decides whether `L` starts a
 *   table that interrupts the paragraph above (`|-|-|x` is no delimiter row);
 * - line `L - 1` is blank or inside the block above: a non-blank line outside every block is a link
 *   reference definition, and a definition's title may still continue onto line `L`.
 */
export function settledBlockCount(
  blocks: readonly TopLevelBlock[],
  tokens: readonly MarkdownToken[],
  text: string,
  starts: readonly number[],
): number {
  for (let index = blocks.length - 1; index >= 1; index--) {
    if (isSettledStart(blocks, index, tokens, text, starts)) return index
  }
  return 0
}

function isSettledStart(
  blocks: readonly TopLevelBlock[],
  index: number,
  tokens: readonly MarkdownToken[],
  text: string,
  starts: readonly number[],
): boolean {
  const block = blocks[index]
  const previous = blocks[index - 1]
  if (!block || !previous) return false
  const line = block.line
  const above = tokens[previous.token]?.type ?? ''
  const previousEnd = lastMappedEnd(tokens, previous.token, block.token)
  // Lines outside every block between the two (a footnote definition, whose content continues after
  // a blank line when indented) may take line `L` in once its indentation is known.
  const closedAbove = ENDED_BY_BLANK.has(above) && onlyBlankLines(text, starts, previousEnd, line)
  if (!isLineTerminated(text, starts, line) && !closedAbove) return false
  if (tokens[block.token]?.type === 'table_open' && !isLineTerminated(text, starts, line + 1)) {
    return false
  }
  return previousEnd >= line || isBlankLine(text, starts, line - 1)
}

/** Whether lines `[from, to)` are all blank and there is at least one. */
function onlyBlankLines(
  text: string,
  starts: readonly number[],
  from: number,
  to: number,
): boolean {
  if (from >= to) return false
  for (let line = from; line < to; line++) if (!isBlankLine(text, starts, line)) return false
  return true
}

/** The end line of the last mapped top-level token in `[from, to)`. */
function lastMappedEnd(tokens: readonly MarkdownToken[], from: number, to: number): number {
  let end = 0
  for (let i = from; i < to; i++) {
    const token = tokens[i]
    if (token?.map && token.level === 0) end = Math.max(end, token.map[1])
  }
  return end
}
