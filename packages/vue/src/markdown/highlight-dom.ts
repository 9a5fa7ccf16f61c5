import type { HighlightCode } from './highlighter.js'

/**
 * Highlights, in place, the kit code blocks under `root` that were rendered before the highlighter
 * loaded. The result matches what the fence rule renders once it is loaded, so a block looks the
 * same whether it was highlighted at render time or upgraded here; each block is upgraded once.
 */
export function highlightRendered(root: ParentNode, highlight: HighlightCode): void {
  for (const code of root.querySelectorAll<HTMLElement>('code[data-tc-lang]:not([data-tc-hl])')) {
    const html = highlight(code.textContent, code.dataset.tcLang ?? '')
    if (html === null) continue
    code.classList.add('hljs')
    code.setAttribute('data-tc-hl', '')
    code.innerHTML = html
  }
}
