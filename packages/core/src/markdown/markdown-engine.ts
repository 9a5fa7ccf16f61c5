/**
 * The parts of a markdown-it token that the incremental renderer reads. markdown-it's `Token`
 * satisfies it, so core never imports markdown-it types.
 */
export interface MarkdownToken {
  type: string
  /** `1` opens a tag, `-1` closes one, `0` is self-contained. */
  nesting: number
  level: number
  /** Source line range `[begin, end)` of a block token, relative to the parsed text. */
  map: [number, number] | null
  info: string
  markup: string
  content: string
}

/** A link reference definition as markdown-it stores it in `env.references`. */
export interface MarkdownReference {
  href: string
  title: string
}

/**
 * Footnote state shared by a footnote plugin (such as the kit's) and the incremental renderer, which
 * renders a source in pieces and so hands each parse the numbering of the text before it. A parse
 * without it is a whole render: the plugin starts empty and ends the output with the footnote list.
 */
export interface MarkdownFootnotes {
  /** Labels defined elsewhere in the source: references to them are footnotes, as are this parse's own. */
  readonly defined: ReadonlySet<string>
  /** Footnote numbers by label, in order of first reference; a parse adds the labels it numbers. */
  readonly numbers: Map<string, number>
  /** References so far by label (each gets its own id); a parse counts its own. */
  readonly counts: Map<string, number>
  /** Filled by a parse: the definitions it found (the first of a label wins), as content tokens. */
  readonly definitions: Map<string, MarkdownToken[]>
  /** Whether the parse ends with the list of referenced footnotes; `false` leaves it to the caller. */
  readonly list: boolean
}

/** The environment object markdown-it threads through parsing and rendering. */
export interface MarkdownEnv {
  /** Link reference definitions by normalized label; markdown-it fills it while parsing. */
  references?: Record<string, MarkdownReference>
  /** Footnote state (see {@link MarkdownFootnotes}). */
  footnotes?: MarkdownFootnotes
  /** Makes ids a render creates (footnotes) unique to one document on a page with several. */
  docId?: string
  [key: string]: unknown
}

/**
 * The structural interface of a markdown-it compatible instance: a markdown-it instance (any preset,
 * any plugins) fits as is.
 */
export interface MarkdownEngine {
  /** The options object handed back to `renderer.render`. */
  readonly options: object
  /** Parses a source into a flat block-level token stream (markdown-it's `md.parse`). */
  parse(src: string, env: MarkdownEnv): MarkdownToken[]
  readonly renderer: {
    /** Renders tokens produced by `parse` (markdown-it's `md.renderer.render`). */
    render(tokens: MarkdownToken[], options: object, env: MarkdownEnv): string
  }
}
