import type { OpenFence } from './open-fence.js'

/** A finished top-level block: rendered once, never touched again unless a definition changes it. */
export interface MarkdownBlock {
  /** Offset in the source where the block starts; stable for the block's life, fit for a key. */
  readonly id: number
  /** Offset in the source just after the block (blank lines and definitions after it included). */
  readonly end: number
  /** The block's source text, `source.slice(id, end)`. */
  readonly source: string
  /** markdown-it's html for the block, exact for the whole source so far. */
  readonly html: string
  /**
   * The html to show while streaming: {@link MarkdownBlock.html}, except while a reference
   * definition the block uses is still being typed in the tail (its URL may be cut short, so it is
   * not applied until its line is complete). Equals `html` once the stream finished.
   */
  readonly displayHtml: string
  /**
   * Starts at 0; goes up each time the block had to be re-rendered because a link reference
   * definition it uses appeared, changed or went away (definitions are global in markdown).
   */
  readonly revision: number
}

/** The open tail: everything after the frozen blocks, re-parsed on every update. */
export interface MarkdownTail {
  /** Offset in the source where the tail starts (the `end` of the last frozen block). */
  readonly start: number
  /** The tail's source text. */
  readonly source: string
  /** markdown-it's exact html for the tail; rendered on first read. */
  readonly html: string
  /**
   * The html to show while streaming: the tail after display repair (half-written syntax closed or
   * withheld), rendered on first read. Equals {@link MarkdownTail.html} once the stream finished.
   */
  readonly displayHtml: string
  /**
   * Set while the tail is a single top-level code fence with no closing marker yet: its body grows
   * append-only, so a UI can render it line by line and highlight lazily instead of using the html.
   */
  readonly openFence: OpenFence | null
}

/** What to show for the source so far: the frozen blocks, then the open tail. */
export interface MarkdownSnapshot {
  /** Frozen blocks in source order; the same array object as long as none was added or changed. */
  readonly blocks: readonly MarkdownBlock[]
  readonly tail: MarkdownTail
  /** `true` after `finish()`: the tail's display html is then its exact html, with no repair. */
  readonly done: boolean
  /**
   * The html of the footnote list, which ends the document after the tail (`''` without footnotes):
   * notes are numbered by their first reference and listed in that order wherever they are defined.
   */
  readonly footnotes: string
}

/**
 * The exact html of a snapshot, blocks, tail and footnote list joined: after `finish()` it equals
 * `md.render(source)`. Costs a join over all blocks, so a UI should render blocks one by one instead.
 */
export function snapshotHtml(snapshot: MarkdownSnapshot): string {
  let html = ''
  for (const block of snapshot.blocks) html += block.html
  return html + snapshot.tail.html + snapshot.footnotes
}

/** A {@link MarkdownTail} whose html strings are rendered on first read and then kept. */
export class LazyTail implements MarkdownTail {
  readonly start: number
  readonly source: string
  readonly openFence: OpenFence | null
  readonly #renderExact: () => string
  readonly #renderDisplay: ((exact: () => string) => string) | null
  #html: string | undefined
  #displayHtml: string | undefined

  constructor(
    start: number,
    source: string,
    openFence: OpenFence | null,
    renderExact: () => string,
    renderDisplay: ((exact: () => string) => string) | null,
  ) {
    this.start = start
    this.source = source
    this.openFence = openFence
    this.#renderExact = renderExact
    this.#renderDisplay = renderDisplay
  }

  get html(): string {
    this.#html ??= this.#renderExact()
    return this.#html
  }

  get displayHtml(): string {
    if (!this.#renderDisplay) return this.html
    this.#displayHtml ??= this.#renderDisplay(() => this.html)
    return this.#displayHtml
  }

  /** The same tail, finished: displayed exactly, without repair. */
  finished(): LazyTail {
    return new LazyTail(this.start, this.source, this.openFence, () => this.html, null)
  }
}
