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

/** The environment object markdown-it threads through parsing and rendering. */
export interface MarkdownEnv {
  /** Link reference definitions by normalized label; markdown-it fills it while parsing. */
  references?: Record<string, MarkdownReference>
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
