import { escapeHtml } from './code-block-html.js'

/** KaTeX's html for a formula, or why it could not render it. */
export type TexResult = { readonly html: string } | { readonly error: string }

/**
 * The html of a formula: KaTeX's output once KaTeX has loaded (`result`), else a placeholder holding
 * the TeX as text, which `renderMathIn` upgrades in place to exactly what this returns with a result.
 * `block` is a display formula on lines of its own (a `div`); math in a paragraph or a table cell is
 * a `span`, display math too.
 */
export function mathHtml(
  tex: string,
  display: boolean,
  block: boolean,
  result: TexResult | null,
): string {
  const tag = block ? 'div' : 'span'
  let classes = display ? 'tc-math tc-math--display' : 'tc-math'
  let attributes = ` data-tc-math="${display ? 'display' : 'inline'}"`
  let inner = escapeHtml(tex)
  if (result && 'html' in result) {
    attributes += ' data-tc-math-done=""'
    inner = result.html
  } else if (result) {
    // Shown as its source, with KaTeX's message on hover.
    classes += ' tc-math--error'
    attributes += ` data-tc-math-done="" title="${escapeHtml(result.error)}"`
  }
  return `<${tag} class="${classes}"${attributes}>${inner}</${tag}>`
}

/** A display formula whose closing delimiter has not come: its source so far, styled as such. */
export function pendingMathHtml(tex: string): string {
  return `<div class="tc-math tc-math--pending">${escapeHtml(tex)}</div>`
}
