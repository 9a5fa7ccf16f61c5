import MarkdownIt from 'markdown-it'
import {
  CODE_BLOCK_END,
  codeBlockStart,
  DIAGRAM_LANG,
  diagramBlockStart,
  escapeHtml,
  type CodeBlockLabels,
} from './code-block-html.js'
import { footnotes, type FootnoteLabels } from './footnotes.js'
import { loadHighlighter, readyHighlighter } from './highlighter.js'
import { taskLists } from './task-lists.js'
import { mathPlugin } from './math-plugin.js'

/** Options of {@link createMarkdownIt}. */
export interface CreateMarkdownItOptions {
  /**
   * Highlight fenced code that names a language, with highlight.js loaded on first use in a chunk
   * of its own. Default `true`.
   */
  highlight?: boolean
  /**
   * Draw ` ```mermaid ` fences as diagrams once they are closed, with Mermaid loaded on first use
   * in a chunk of its own. `false` shows them as code. Default `true`.
   */
  diagrams?: boolean
  /** Texts of the code block's chrome and of footnote links. */
  labels?: CodeBlockLabels & FootnoteLabels
  /**
   * Render TeX math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) with KaTeX, loaded with its CSS and fonts on
   * first use in a chunk of its own. Default `true`.
   */
  math?: boolean
  /**
   * Levels a heading goes down by, at most to `<h6>`: `<TypewriterChat>` uses 2, so a reply's `#`
   * renders as `<h3>` and never competes with the page's own `<h1>` and `<h2>` (screen readers list
   * headings as the page outline). The markdown level stays in `data-tc-level`, for styling and for
   * copying as rich text. Default `0`.
   */
  headingOffset?: number
}

/** How a kit instance renders code, so `<StreamingMarkdown>` can render a growing fence alike. */
export interface KitFenceOptions {
  highlight: boolean
  diagrams: boolean
  labels: CodeBlockLabels
}

const fenceOptions = new WeakMap<MarkdownIt, KitFenceOptions>()

/** How a kit instance renders code blocks; `null` for any other markdown-it instance. */
export function kitFenceOptions(md: MarkdownIt): KitFenceOptions | null {
  return fenceOptions.get(md) ?? null
}

/**
 * Creates the markdown-it instance `<StreamingMarkdown>` uses by default: raw html disabled (so its
 * output needs no sanitizer), links autodetected, markdown-it's `validateLink` kept (no
 * `javascript:`, `vbscript:`, `file:` or non-image `data:` links), links opened in a new tab with
 * `rel="noopener noreferrer"`, fenced code rendered with a language label, a copy button and
 * syntax highlighting, TeX math typeset by KaTeX (`trust: false`), GFM task lists as read-only
 * checkboxes, footnotes (ids made unique per reply by `env.docId`), and ` ```mermaid ` fences drawn
 * as diagrams once closed.
 *
 * @example
 * ```ts
 * const md = createMarkdownIt({ labels: { copy: '复制', copied: '已复制', copyCode: '复制代码' } })
 * ```
 */
export function createMarkdownIt(options: CreateMarkdownItOptions = {}): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
  const highlight = options.highlight ?? true
  const diagrams = options.diagrams ?? true
  const labels = options.labels ?? {}
  md.use(taskLists)
  md.use(footnotes, labels)

  md.renderer.rules.link_open = (tokens, index, renderOptions, _env, self) => {
    const token = tokens[index]
    token?.attrSet('target', '_blank')
    token?.attrSet('rel', 'noopener noreferrer')
    return self.renderToken(tokens, index, renderOptions)
  }

  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index]
    if (!token) return ''
    const info = token.info ? md.utils.unescapeAll(token.info).trim() : ''
    const lang = info.split(/\s+/)[0] ?? ''
    if (diagrams && lang === DIAGRAM_LANG) {
      return diagramBlockStart(labels) + escapeHtml(token.content) + CODE_BLOCK_END
    }
    const highlighter = highlight && lang ? readyHighlighter() : null
    if (highlight && lang && !highlighter) void loadHighlighter()
    const html = highlighter?.(token.content, lang) ?? null
    return (
      codeBlockStart(lang, html !== null, labels) +
      (html ?? escapeHtml(token.content)) +
      CODE_BLOCK_END
    )
  }

  // A wide table scrolls in its own box, so its cells can keep words whole instead of breaking
  // them mid-word to fit the reply's width.
  md.renderer.rules.table_open = (tokens, index, renderOptions, _env, self) =>
    `<div class="tc-table">${self.renderToken(tokens, index, renderOptions)}`
  md.renderer.rules.table_close = (tokens, index, renderOptions, _env, self) =>
    `${self.renderToken(tokens, index, renderOptions).trimEnd()}</div>\n`

  const headingOffset = options.headingOffset ?? 0
  if (headingOffset > 0) {
    const demoted = (tag: string): string => `h${Math.min(6, Number(tag.slice(1)) + headingOffset)}`
    md.renderer.rules.heading_open = (tokens, index, _renderOptions, _env, self) => {
      const token = tokens[index]
      if (!token) return ''
      const attrs = self.renderAttrs(token)
      return `<${demoted(token.tag)} data-tc-level="${token.tag.slice(1)}"${attrs}>`
    }
    md.renderer.rules.heading_close = (tokens, index) => {
      const token = tokens[index]
      return token ? `</${demoted(token.tag)}>\n` : ''
    }
  }

  if (options.math ?? true) md.use(mathPlugin)
  fenceOptions.set(md, { highlight, diagrams, labels })
  return md
}

let shared: MarkdownIt | undefined

/** The instance components share when given none: one parser and one highlight cache per page. */
export function defaultMarkdownIt(): MarkdownIt {
  shared ??= createMarkdownIt()
  return shared
}
