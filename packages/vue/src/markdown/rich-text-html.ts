import { DIAGRAM_LANG } from './code-block-html.js'

/** Html attributes a pasted document can use; every other one is page machinery. */
const KEPT_ATTRIBUTES = new Set([
  'href',
  'src',
  'alt',
  'title',
  'id',
  'start',
  'type',
  'checked',
  'disabled',
  'colspan',
  'rowspan',
  'align',
])

/** Page chrome inside a rendered reply that a copied document must not get. */
const CHROME = '.tc-caret, button, .tc-code__header'

/**
 * The html of a rendered reply for the clipboard: what a word processor or mail editor needs to keep
 * the formatting, and nothing the page needed. Math keeps its MathML (KaTeX renders it next to its
 * html, in `.katex-mathml`, and editors read MathML, not KaTeX's spans and fonts); code blocks become
 * a plain `<pre><code>` with the language as its class, and a drawn diagram its source as such a
 * block; headings go back to their markdown level; buttons, the caret, classes, styles, `data-` and `aria-` attributes go.
 */
export function richTextHtml(root: Element): string {
  const copy = root.cloneNode(true) as Element
  for (const chrome of copy.querySelectorAll(CHROME)) chrome.remove()
  const codes: [HTMLElement, string][] = []
  const replaceWithCode = (element: Element, text: string, lang: string): void => {
    const pre = document.createElement('pre')
    const code = document.createElement('code')
    code.textContent = text
    pre.append(code)
    element.replaceWith(pre)
    codes.push([code, lang])
  }
  for (const block of copy.querySelectorAll('.tc-code')) {
    // A diagram block keeps its source in its code element, next to the drawing.
    const code = block.querySelector('code')
    const lang = block.hasAttribute('data-tc-diagram') ? DIAGRAM_LANG : code ? langOf(code) : ''
    replaceWithCode(block, code?.textContent ?? '', lang)
  }
  // A heading demoted for the chat (`headingOffset`) is pasted at its markdown level.
  for (const heading of copy.querySelectorAll('[data-tc-level]')) {
    const level = heading.getAttribute('data-tc-level')
    if (level === null || !/^[1-6]$/.test(level)) continue
    const restored = document.createElement(`h${level}`)
    restored.append(...heading.childNodes)
    heading.replaceWith(restored)
  }
  for (const math of copy.querySelectorAll('.katex')) {
    const mathml = math.querySelector('math')
    if (mathml) math.replaceWith(mathml)
  }
  for (const element of copy.querySelectorAll('*')) {
    // MathML is kept as KaTeX wrote it: its attributes are the math, not styling.
    if (element.closest('math')) continue
    for (const { name } of [...element.attributes]) {
      if (!KEPT_ATTRIBUTES.has(name)) element.removeAttribute(name)
    }
  }
  // On a code block the class is how editors and markdown converters know the language.
  for (const [code, lang] of codes) if (lang) code.className = `language-${lang}`
  return copy.innerHTML.trim()
}

function langOf(element: Element): string {
  return element.getAttribute('data-tc-lang') ?? ''
}
