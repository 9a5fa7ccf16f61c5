/** Texts of the code block chrome; override them for another locale. */
export interface CodeBlockLabels {
  /** Visible text of the copy button. Default `Copy`. */
  copy?: string
  /** Shown on the copy button for a moment after copying. Default `Copied`. */
  copied?: string
  /** Accessible name of the copy button. Default `Copy code`. */
  copyCode?: string
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

/** The opening of a code block up to and including `<code …>`; the body and {@link CODE_BLOCK_END} follow. */
export function codeBlockStart(
  lang: string,
  highlighted: boolean,
  labels: CodeBlockLabels,
): string {
  const name = escapeHtml(lang)
  const copy = escapeHtml(labels.copy ?? 'Copy')
  const copied = escapeHtml(labels.copied ?? 'Copied')
  const copyCode = escapeHtml(labels.copyCode ?? 'Copy code')
  // The attribute order matters: highlighting a block later (highlight.ts) must give the same html.
  let code = '<code'
  if (lang) code += ` class="language-${name}${highlighted ? ' hljs' : ''}" data-tc-lang="${name}"`
  if (highlighted) code += ' data-tc-hl=""'
  return (
    '<div class="tc-code"><div class="tc-code__header">' +
    `<span class="tc-code__lang">${name}</span>` +
    `<button type="button" class="tc-code__copy" data-tc-copy="" aria-label="${copyCode}">` +
    `<span class="tc-code__copy-idle">${copy}</span>` +
    `<span class="tc-code__copy-done">${copied}</span></button></div>` +
    `<pre class="tc-code__pre">${code}>`
  )
}

/** Closes what {@link codeBlockStart} opened. */
export const CODE_BLOCK_END = '</code></pre></div>\n'
