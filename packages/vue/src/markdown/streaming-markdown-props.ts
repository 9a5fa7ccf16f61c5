import type MarkdownIt from 'markdown-it'

/** Props of `<StreamingMarkdown>`. */
export interface StreamingMarkdownProps {
  /** The markdown so far; while streaming, usually the previous value with text appended. */
  source: string
  /**
   * `true` while `source` is still growing: the tail is shown with half-written syntax repaired,
   * rendered at most once per animation frame, with a caret. When it turns `false` the exact final
   * html is rendered at once. Default `false`.
   */
  streaming?: boolean
  /**
   * The markdown-it instance to render with. Default: a shared {@link createMarkdownIt} instance.
   * Use `createMarkdownIt` for code block chrome; any other instance renders code as it likes.
   */
  md?: MarkdownIt
}
