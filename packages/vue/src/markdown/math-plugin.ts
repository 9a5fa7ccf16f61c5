import { readInlineMath, readMathBlockClosing, readMathBlockOpening } from '@typewriter-chat/core'
import type MarkdownIt from 'markdown-it'
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs'
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs'
import { mathHtml, pendingMathHtml } from './math-html.js'
import { loadMath, readyMath } from './math-renderer.js'

/*
 * TeX math for markdown-it, with the delimiter rules of core (pandoc's: prices stay text), so the
 * tail repair and the renderer agree on where every formula starts and ends:
 * - `math_inline`: `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` as display math inside a paragraph,
 *   a list item or a table cell;
 * - `math_block`: `$$` or `\[` starting a line, up to the line that ends with the closer. Like a code
 *   fence, a block whose closer has not come runs to the end of its container and shows its source
 *   (`pendingMathHtml`), so a growing formula is never typeset half-written, its delimiters never
 *   show as prose, and it never turns back into text: when it closes, it is typeset once.
 */

function mathBlock(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const indent = (line: number) => state.sCount[line] ?? 0
  const start = (line: number) => (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0)
  const lineText = (line: number) => state.src.slice(start(line), state.eMarks[line])
  const first = state.src.charCodeAt(start(startLine))
  // Every line of every block comes here: leave at once unless it starts with `$` or `\`.
  if ((first !== 0x24 && first !== 0x5c) || indent(startLine) - state.blkIndent >= 4) return false
  const opening = readMathBlockOpening(lineText(startLine))
  if (!opening) return false
  if (silent) return true
  const lines = opening.tex.trim() === '' ? [] : [opening.tex]
  let closed = opening.closed
  let next = startLine + 1
  for (; !closed && next < endLine; next++) {
    const text = lineText(next)
    // A line outdented past the container ends it (and the block), as it ends a fence.
    if (text !== '' && indent(next) < state.blkIndent) break
    const before = readMathBlockClosing(text, opening)
    closed = before !== null
    if (!closed) lines.push(text)
    else if (before?.trim()) lines.push(before)
  }
  const token = state.push('math_block', 'math', 0)
  token.block = true
  token.content = lines.join('\n')
  token.markup = opening.opener
  token.meta = { closed }
  token.map = [startLine, next]
  state.line = next
  return true
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const math = readInlineMath(state.src, state.pos, state.posMax)
  if (math === null || math === 'unclosed') return false
  if (!silent) {
    const token = state.push('math_inline', 'math', 0)
    token.content = math.tex
    token.markup = math.opener
    token.meta = { display: math.display }
  }
  state.pos = math.end
  return true
}

/** Typesets with KaTeX when it has loaded; until then a placeholder, and KaTeX starts loading. */
function formulaHtml(tex: string, display: boolean, block: boolean): string {
  const render = readyMath()
  // Never on a server: the chunk imports KaTeX's CSS, for a browser's bundle.
  if (!render && typeof document !== 'undefined') void loadMath()
  return mathHtml(tex, display, block, render?.(tex, display) ?? null)
}

/** Adds `$…$`, `$$…$$`, `\(…\)` and `\[…\]` math, typeset by KaTeX loaded on first use. */
export function mathPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'math_block', mathBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  })
  // Before `escape`, which would read `\(` and `\[` as escaped brackets.
  md.inline.ruler.before('escape', 'math_inline', mathInline)
  md.renderer.rules.math_inline = (tokens, index) => {
    const token = tokens[index]
    return token ? formulaHtml(token.content, token.meta.display === true, false) : ''
  }
  md.renderer.rules.math_block = (tokens, index) => {
    const token = tokens[index]
    if (!token) return ''
    const html = token.meta.closed
      ? formulaHtml(token.content, true, true)
      : pendingMathHtml(token.content)
    return `${html}\n`
  }
}
