/** Texts of the code block chrome; override them for another locale. */
export interface CodeBlockLabels {
  /** Visible text of the copy button. Default `Copy`. */
  copy?: string
  /** Shown on the copy button for a moment after copying. Default `Copied`. */
  copied?: string
  /** Accessible name of the copy button. Default `Copy code`. */
  copyCode?: string
  /** Label of a Mermaid block, drawn or still streaming. Default `Diagram`. */
  diagram?: string
  /** The toggle button of a drawn diagram that shows its source instead (`aria-pressed`). Default `Source`. */
  diagramSource?: string
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
}

/** Escapes text for use in html content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char] ?? char)
}

/** The fence language drawn as a diagram. */
export const DIAGRAM_LANG = 'mermaid'

/** Selects the block {@link diagramBlockStart} opens. */
export const DIAGRAM_BLOCK = '[data-tc-diagram]'

function copyButton(labels: CodeBlockLabels): string {
  const copy = escapeHtml(labels.copy ?? 'Copy')
  const copied = escapeHtml(labels.copied ?? 'Copied')
  const copyCode = escapeHtml(labels.copyCode ?? 'Copy code')
  return (
    `<button type="button" class="tc-code__copy" data-tc-copy="" aria-label="${copyCode}">` +
    `<span class="tc-code__copy-idle">${copy}</span>` +
    `<span class="tc-code__copy-done">${copied}</span></button>`
  )
}

/** The opening of a code block up to and including `<code …>`; the body and {@link CODE_BLOCK_END} follow. */
export function codeBlockStart(
  lang: string,
  highlighted: boolean,
  labels: CodeBlockLabels,
): string {
  const name = escapeHtml(lang)
  // The attribute order matters: highlighting a block later (highlight.ts) must give the same html.
  let code = '<code'
  if (lang) code += ` class="language-${name}${highlighted ? ' hljs' : ''}" data-tc-lang="${name}"`
  if (highlighted) code += ' data-tc-hl=""'
  return (
    '<div class="tc-code"><div class="tc-code__header">' +
    `<span class="tc-code__lang">${name}</span>` +
    copyButton(labels) +
    `</div><pre class="tc-code__pre">${code}>`
  )
}

/**
 * The opening of a diagram's block, which shows its source as code until it is drawn (see
 * diagram-drawer.ts). The toggle looks like the copy button and stays hidden until there is a drawing to toggle; the code has no
 * `data-tc-lang`, so the highlighter leaves it alone.
 */
export function diagramBlockStart(labels: CodeBlockLabels): string {
  const diagram = escapeHtml(labels.diagram ?? 'Diagram')
  const source = escapeHtml(labels.diagramSource ?? 'Source')
  return (
    '<div class="tc-code tc-diagram" data-tc-diagram=""><div class="tc-code__header">' +
    `<span class="tc-code__lang">${diagram}</span>` +
    '<span class="tc-diagram__actions">' +
    `<button type="button" class="tc-code__copy tc-diagram__toggle" data-tc-diagram-toggle="" aria-pressed="false" hidden>${source}</button>` +
    copyButton(labels) +
    `</span></div><pre class="tc-code__pre"><code class="language-${DIAGRAM_LANG}">`
  )
}

/** Closes what {@link codeBlockStart} opened. */
export const CODE_BLOCK_END = '</code></pre></div>\n'
