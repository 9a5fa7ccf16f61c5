import katex from 'katex'
// KaTeX's fonts come with its CSS: the app's bundler emits them as assets of this chunk.
import 'katex/dist/katex.min.css'
import type { TexResult } from './math-html.js'

/*
 * Untrusted TeX from a model: `trust: false` turns \href, \url, \includegraphics, \htmlId,
 * \htmlClass, \htmlStyle and \htmlData into inert error text; `maxExpand` bounds macro bombs;
 * `strict: 'ignore'` keeps text such as CJK inside math from logging a warning per render.
 */
const OPTIONS = { throwOnError: true, trust: false, strict: 'ignore', maxExpand: 1000 } as const

/** Renders `tex` with KaTeX; a parse error is returned with its message, never thrown. */
export function renderTex(tex: string, display: boolean): TexResult {
  try {
    return { html: katex.renderToString(tex, { ...OPTIONS, displayMode: display }) }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}
