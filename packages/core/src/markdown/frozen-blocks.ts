import {
  EMPTY_CHAIN,
  footnotesAfter,
  mayUseFootnotes,
  sameChain,
  type FootnoteChain,
} from './footnote-chain.js'
import type { MarkdownEngine, MarkdownEnv, MarkdownToken } from './markdown-engine.js'
import type { MarkdownBlock } from './markdown-snapshot.js'
import { mayUseLabel, referencePieces } from './reference-candidates.js'
import { referencesOver, type DefinitionTable } from './reference-definitions.js'

interface Entry {
  block: MarkdownBlock
  /** Pieces of the block's source for definition lookups, computed on first need. */
  pieces?: ReadonlySet<string> | null
  /** For a block that may use footnotes: the numbering before and after it, its definitions. */
  footnotes?: BlockFootnotes
}

interface BlockFootnotes {
  before: FootnoteChain
  after: FootnoteChain
  definitions: ReadonlyMap<string, MarkdownToken[]>
}

/** Definitions to render with: all of them (exact) and the settled ones (display). */
export interface RenderDefinitions {
  readonly exact: DefinitionTable
  readonly display: DefinitionTable
  /** Labels defined differently in `display`: a definition line still being typed. */
  readonly unsettled: readonly string[]
}

/**
 * The frozen blocks: rendered once when they freeze, re-rendered only for link reference
 * definitions, which are global (a definition in later text changes how earlier blocks render).
 */
export class FrozenBlocks {
  readonly #md: MarkdownEngine
  readonly #entries: Entry[] = []
  #blocks: readonly MarkdownBlock[] = []
  #stale = false
  #unsettled: readonly string[] = []
  readonly #docId: string | undefined
  /** Footnote numbering after the last block. */
  #chain: FootnoteChain = EMPTY_CHAIN
  /** Footnote labels defined anywhere in the source, as the blocks were last rendered with. */
  #defined: ReadonlySet<string> = new Set()
  #definitions: RenderDefinitions | null = null
  /** {@link FrozenBlocks.footnoteDefinitions}, kept until a block with footnotes renders. */
  #footnoteDefinitions: ReadonlyMap<string, MarkdownToken[]> | null = null

  constructor(md: MarkdownEngine, docId?: string) {
    this.#md = md
    this.#docId = docId
  }

  /** Footnote numbering after the frozen blocks, for the parse of the text after them. */
  get chain(): FootnoteChain {
    return this.#chain
  }

  /** The footnote definitions of the frozen text by label, the first of a label kept. */
  footnoteDefinitions(): ReadonlyMap<string, MarkdownToken[]> {
    if (this.#footnoteDefinitions) return this.#footnoteDefinitions
    const definitions = new Map<string, MarkdownToken[]>()
    for (const { footnotes } of this.#entries) {
      for (const [label, tokens] of footnotes?.definitions ?? []) {
        if (!definitions.has(label)) definitions.set(label, tokens)
      }
    }
    this.#footnoteDefinitions = definitions
    return definitions
  }

  /**
   * Sets the footnote labels defined anywhere in the source. When they changed, re-renders the blocks
   * that may use footnotes, in order, each continuing the numbering of the ones before (a new
   * definition makes references to it footnotes and may renumber every later one); others stay.
   * Returns whether the numbering after the blocks changed, so the text after them needs a new parse.
   */
  defineFootnotes(defined: ReadonlySet<string>): boolean {
    if (defined.size === this.#defined.size && [...defined].every((l) => this.#defined.has(l))) {
      return false
    }
    this.#defined = defined
    const before = this.#chain
    this.#chain = EMPTY_CHAIN
    const definitions = this.#definitions
    for (const entry of this.#entries) {
      if (!entry.footnotes || !definitions) continue
      const { block } = entry
      const html = this.#render(block.source, definitions.exact, entry, true)
      const displayHtml =
        block.displayHtml === block.html
          ? html
          : this.#render(block.source, definitions.display, entry)
      if (html !== block.html || displayHtml !== block.displayHtml) {
        entry.block = { ...block, html, displayHtml, revision: block.revision + 1 }
        this.#stale = true
      }
    }
    return !sameChain(before, this.#chain)
  }

  /** The frozen source: every block's source joined. */
  get source(): string {
    return this.#entries.map((entry) => entry.block.source).join('')
  }

  /** The blocks in source order: the same array until a block is added or re-rendered. */
  get blocks(): readonly MarkdownBlock[] {
    if (this.#stale) this.#blocks = this.#entries.map((entry) => entry.block)
    this.#stale = false
    return this.#blocks
  }

  /**
   * Freezes a block whose tokens come from the tail's parse (rendered with that parse's `env`).
   *
   * @param id - offset of the block's source in the whole source.
   */
  add(
    id: number,
    source: string,
    tokens: MarkdownToken[],
    env: MarkdownEnv,
    definitions: RenderDefinitions,
  ): void {
    const md = this.#md
    this.#definitions = definitions
    const entry: Entry = {
      block: { id, end: id + source.length, source, html: '', displayHtml: '', revision: 0 },
    }
    // A block with footnotes renders alone, to learn the numbering after it and its definitions.
    if (mayUseFootnotes(source)) {
      entry.footnotes = { before: EMPTY_CHAIN, after: EMPTY_CHAIN, definitions: new Map() }
    }
    const html = entry.footnotes
      ? this.#render(source, definitions.exact, entry, true)
      : md.renderer.render(tokens, md.options, env)
    entry.block = { ...entry.block, html, displayHtml: html }
    if (definitions.unsettled.length > 0 && this.#uses(entry, definitions.unsettled)) {
      entry.block = {
        ...entry.block,
        displayHtml: this.#render(source, definitions.display, entry),
      }
    }
    this.#entries.push(entry)
    this.#stale = true
  }

  /**
   * Re-renders the blocks that may use a label whose definition changed (`changed`) or whose
   * display definition is or was unsettled.
   */
  refresh(changed: readonly string[], definitions: RenderDefinitions): void {
    const previous = this.#unsettled
    this.#unsettled = definitions.unsettled
    this.#definitions = definitions
    if (changed.length === 0 && previous.length === 0 && definitions.unsettled.length === 0) return
    for (const entry of this.#entries) {
      const exact = this.#uses(entry, changed)
      const display = this.#uses(entry, definitions.unsettled)
      if (!exact && !display && !this.#uses(entry, previous)) continue
      const { block } = entry
      const html = exact ? this.#render(block.source, definitions.exact, entry) : block.html
      const displayHtml = display ? this.#render(block.source, definitions.display, entry) : html
      if (html === block.html && displayHtml === block.displayHtml) continue
      entry.block = { ...block, html, displayHtml, revision: block.revision + 1 }
      this.#stale = true
    }
  }

  #uses(entry: Entry, labels: readonly string[]): boolean {
    if (labels.length === 0) return false
    entry.pieces ??= referencePieces(entry.block.source)
    const pieces = entry.pieces
    return labels.some((label) => mayUseLabel(pieces, label))
  }

  /**
   * Renders a block alone. A block with footnotes continues the numbering before it: with `advance`
   * (rendering blocks in order) the current chain, which then moves past the block; otherwise the
   * numbering it was last rendered with (a link definition changed, display html).
   */
  #render(source: string, definitions: DefinitionTable, entry?: Entry, advance = false): string {
    const md = this.#md
    const env: MarkdownEnv = { references: referencesOver(definitions), docId: this.#docId }
    const footnotes = entry?.footnotes
    if (footnotes && advance) footnotes.before = this.#chain
    if (footnotes) env.footnotes = footnotesAfter(footnotes.before, this.#defined)
    const html = md.renderer.render(md.parse(source, env), md.options, env)
    if (footnotes && advance && env.footnotes) {
      footnotes.after = env.footnotes
      footnotes.definitions = env.footnotes.definitions
      this.#footnoteDefinitions = null
      this.#chain = env.footnotes
    }
    return html
  }
}
