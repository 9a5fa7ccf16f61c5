import type { MarkdownEngine, MarkdownEnv, MarkdownToken } from './markdown-engine.js'
import type { MarkdownBlock } from './markdown-snapshot.js'
import { mayUseLabel, referencePieces } from './reference-candidates.js'
import { referencesOver, type DefinitionTable } from './reference-definitions.js'

interface Entry {
  block: MarkdownBlock
  /** Pieces of the block's source for definition lookups, computed on first need. */
  pieces?: ReadonlySet<string> | null
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

  constructor(md: MarkdownEngine) {
    this.#md = md
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
    const html = md.renderer.render(tokens, md.options, env)
    const entry: Entry = {
      block: { id, end: id + source.length, source, html, displayHtml: html, revision: 0 },
    }
    if (definitions.unsettled.length > 0 && this.#uses(entry, definitions.unsettled)) {
      entry.block = { ...entry.block, displayHtml: this.#render(source, definitions.display) }
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
    if (changed.length === 0 && previous.length === 0 && definitions.unsettled.length === 0) return
    for (const entry of this.#entries) {
      const exact = this.#uses(entry, changed)
      const display = this.#uses(entry, definitions.unsettled)
      if (!exact && !display && !this.#uses(entry, previous)) continue
      const { block } = entry
      const html = exact ? this.#render(block.source, definitions.exact) : block.html
      const displayHtml = display ? this.#render(block.source, definitions.display) : html
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

  #render(source: string, definitions: DefinitionTable): string {
    const md = this.#md
    const env: MarkdownEnv = { references: referencesOver(definitions) }
    return md.renderer.render(md.parse(source, env), md.options, env)
  }
}
