import { mathHtml } from './math-html.js'
import type { RenderTex } from './math-renderer.js'

/**
 * Typesets, in place, the formula placeholders under `root` that were rendered before KaTeX loaded.
 * Each ends up exactly as the math rules render it once KaTeX is there (same element, attributes
 * and children), so a reply looks the same whether its math was typeset at render time or here.
 */
export function renderMathIn(root: ParentNode, render: RenderTex): void {
  const template = document.createElement('template')
  for (const element of root.querySelectorAll<HTMLElement>(
    '[data-tc-math]:not([data-tc-math-done])',
  )) {
    const tex = element.textContent
    const display = element.dataset.tcMath === 'display'
    template.innerHTML = mathHtml(tex, display, element.tagName === 'DIV', render(tex, display))
    const typeset = template.content.firstElementChild
    if (!typeset) continue
    for (const { name, value } of typeset.attributes) element.setAttribute(name, value)
    element.replaceChildren(...typeset.childNodes)
  }
}
