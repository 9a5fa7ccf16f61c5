import type { MarkdownFootnotes } from '@typewriter-chat/core'
import type MarkdownIt from 'markdown-it'
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs'
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs'
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs'
import type Token from 'markdown-it/lib/token.mjs'
import { escapeHtml } from './code-block-html.js'

/*
 * GFM footnotes: `[^label]` references and `[^label]: …` definitions, linked both ways, the list at the
 * end. The definition syntax and the list's shape follow markdown-it-footnote (MIT), the reference
 * implementation; it is not used as is because it keeps its numbering in private state reset by every
 * definition it parses, so a reply rendered block by block (core's incremental renderer) could not
 * hand one block's numbering to the next. Here that state is `env.footnotes`, core's
 * `MarkdownFootnotes`: a whole render starts it empty, the incremental renderer seeds it.
 */

function footnoteState(env: { footnotes?: MarkdownFootnotes }): MarkdownFootnotes {
  env.footnotes ??= {
    defined: new Set(),
    numbers: new Map(),
    counts: new Map(),
    definitions: new Map(),
    list: true,
  }
  return env.footnotes
}

/** An id unique to the document (`env.docId`) and the footnote. */
function footnoteId(kind: 'fn' | 'fnref', docId: unknown, number: number, sub = 0): string {
  const doc = typeof docId === 'string' && docId !== '' ? `${docId}-` : ''
  return `tc-${kind}-${doc}${number}${sub > 0 ? `-${sub + 1}` : ''}`
}

/** `[^label]:` at the start of a line: the label, or `null`. Labels hold no spaces (GFM). */
function definitionLabel(state: StateBlock, line: number): { label: string; end: number } | null {
  const start = state.bMarks[line]! + state.tShift[line]!
  const max = state.eMarks[line]!
  if (state.src.charCodeAt(start) !== 0x5b || state.src.charCodeAt(start + 1) !== 0x5e) return null
  let pos = start + 2
  while (pos < max && state.src[pos] !== ']' && state.src[pos] !== ' ') pos++
  if (pos === start + 2 || state.src[pos] !== ']' || state.src[pos + 1] !== ':') return null
  return { label: state.src.slice(start + 2, pos), end: pos + 2 }
}

function footnoteDefinition(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
) {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false
  const found = definitionLabel(state, startLine)
  if (!found) return false
  if (silent) return true
  // Known at once, as markdown-it knows link definitions: references are parsed after all blocks.
  const definitions = footnoteState(state.env as { footnotes?: MarkdownFootnotes }).definitions
  const content: Token[] | null = definitions.has(found.label) ? null : []
  if (content) definitions.set(found.label, content)
  const open = state.push('footnote_definition_open', '', 1)
  open.meta = content
  // As markdown-it-footnote: the content is a container indented by four columns after the marker.
  const oldBMark = state.bMarks[startLine]!
  const oldTShift = state.tShift[startLine]!
  const oldSCount = state.sCount[startLine]!
  const oldParentType = state.parentType
  const max = state.eMarks[startLine]!
  const initial = oldSCount + found.end - (oldBMark + oldTShift)
  let offset = initial
  let pos = found.end
  for (; pos < max && state.md.utils.isSpace(state.src.charCodeAt(pos)); pos++) {
    offset += state.src.charCodeAt(pos) === 0x09 ? 4 - (offset % 4) : 1
  }
  state.tShift[startLine] = pos - found.end
  state.sCount[startLine] = offset - initial
  state.bMarks[startLine] = found.end
  state.blkIndent += 4
  state.parentType = 'footnote' as typeof state.parentType
  if (state.sCount[startLine]! < state.blkIndent) state.sCount[startLine]! += state.blkIndent
  state.md.block.tokenize(state, startLine, endLine)
  state.parentType = oldParentType
  state.blkIndent -= 4
  state.tShift[startLine] = oldTShift
  state.sCount[startLine] = oldSCount
  state.bMarks[startLine] = oldBMark
  state.push('footnote_definition_close', '', -1)
  return true
}

function footnoteReference(state: StateInline, silent: boolean): boolean {
  const start = state.pos
  const src = state.src
  if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5e) return false
  let pos = start + 2
  while (pos < state.posMax && src[pos] !== ']' && src[pos] !== ' ' && src[pos] !== '\n') pos++
  if (pos === start + 2 || pos >= state.posMax || src[pos] !== ']') return false
  const label = src.slice(start + 2, pos)
  const footnotes = footnoteState(state.env as { footnotes?: MarkdownFootnotes })
  if (!footnotes.defined.has(label) && !footnotes.definitions.has(label)) return false
  if (!silent) {
    const number = footnotes.numbers.get(label) ?? footnotes.numbers.size + 1
    const sub = footnotes.counts.get(label) ?? 0
    footnotes.numbers.set(label, number)
    footnotes.counts.set(label, sub + 1)
    const token = state.push('footnote_ref', '', 0)
    token.meta = { number, sub, docId: (state.env as { docId?: unknown }).docId }
  }
  state.pos = pos + 1
  return true
}

/** Moves definitions out of the flow into their `definitions` entry; appends the list when asked to. */
function footnoteTail(state: StateCore): void {
  const footnotes = state.env.footnotes as MarkdownFootnotes | undefined
  if (!footnotes) return
  const kept: Token[] = []
  // The content arrays of the open definitions; `null` for a later definition of a known label.
  const open: (Token[] | null)[] = []
  for (const token of state.tokens) {
    if (token.type === 'footnote_definition_open') open.push(token.meta as Token[] | null)
    else if (token.type === 'footnote_definition_close') open.pop()
    else if (open.length === 0) kept.push(token)
    else open.at(-1)?.push(token)
  }
  state.tokens = kept
  if (footnotes.list && footnotes.numbers.size > 0) listTokens(state, footnotes)
}

function listTokens(state: StateCore, footnotes: MarkdownFootnotes): void {
  const docId = (state.env as { docId?: unknown }).docId
  state.tokens.push(new state.Token('footnote_list_open', '', 1))
  for (const [label, number] of footnotes.numbers) {
    const item = new state.Token('footnote_item_open', '', 1)
    item.meta = { number, docId }
    state.tokens.push(item)
    const content = [...((footnotes.definitions.get(label) as Token[] | undefined) ?? [])]
    const lastParagraph = content.at(-1)?.type === 'paragraph_close' ? content.pop() : undefined
    state.tokens.push(...content)
    const count = footnotes.counts.get(label) ?? 1
    for (let sub = 0; sub < count; sub++) {
      const back = new state.Token('footnote_backref', '', 0)
      back.meta = { number, sub, docId }
      state.tokens.push(back)
    }
    if (lastParagraph) state.tokens.push(lastParagraph)
    state.tokens.push(new state.Token('footnote_item_close', '', -1))
  }
  state.tokens.push(new state.Token('footnote_list_close', '', -1))
}

interface FootnoteMeta {
  number: number
  sub: number
  docId: unknown
}

/** Texts of the footnote links and list; override them for another locale. */
export interface FootnoteLabels {
  /** Accessible name of the footnote list. Default `Footnotes`. */
  footnotes?: string
  /** Accessible name of a reference, before its number. Default `Footnote`. */
  footnote?: string
  /** Accessible name of a link back to a reference, before its number. Default `Back to reference`. */
  backToReference?: string
}

/** Adds footnotes to a markdown-it instance. */
export function footnotes(md: MarkdownIt, labels: FootnoteLabels = {}): void {
  const list = escapeHtml(labels.footnotes ?? 'Footnotes')
  const footnote = escapeHtml(labels.footnote ?? 'Footnote')
  const back = escapeHtml(labels.backToReference ?? 'Back to reference')
  md.block.ruler.before('reference', 'footnote_definition', footnoteDefinition, {
    alt: ['paragraph', 'reference'],
  })
  md.inline.ruler.after('image', 'footnote_ref', footnoteReference)
  md.core.ruler.after('inline', 'footnote_tail', footnoteTail)
  const rules = md.renderer.rules
  rules.footnote_ref = (tokens, index) => {
    const { number, sub, docId } = tokens[index]?.meta as FootnoteMeta
    const note = escapeHtml(footnoteId('fn', docId, number))
    const id = escapeHtml(footnoteId('fnref', docId, number, sub))
    return `<sup class="tc-fnref"><a href="#${note}" id="${id}" aria-label="${footnote} ${number}">${number}</a></sup>`
  }
  rules.footnote_list_open = () =>
    `<section class="tc-footnotes" aria-label="${list}">\n<ol class="tc-footnotes__list">\n`
  rules.footnote_list_close = () => '</ol>\n</section>\n'
  rules.footnote_item_open = (tokens, index) => {
    const { number, docId } = tokens[index]?.meta as FootnoteMeta
    return `<li id="${escapeHtml(footnoteId('fn', docId, number))}">`
  }
  rules.footnote_item_close = () => '</li>\n'
  rules.footnote_backref = (tokens, index) => {
    const { number, sub, docId } = tokens[index]?.meta as FootnoteMeta
    const id = escapeHtml(footnoteId('fnref', docId, number, sub))
    const name = `${back} ${number}${sub > 0 ? `-${sub + 1}` : ''}`
    // U+FE0E keeps ↩ a text glyph rather than an emoji on iOS.
    return ` <a href="#${id}" class="tc-fnback" aria-label="${name}">\u21a9\ufe0e</a>`
  }
}
