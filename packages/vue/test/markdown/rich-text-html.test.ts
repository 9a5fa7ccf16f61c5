import { describe, expect, it } from 'vitest'
import { createMarkdownIt } from '../../src/markdown/create-markdown-it.js'
import { richTextHtml } from '../../src/markdown/rich-text-html.js'

const md = createMarkdownIt({ highlight: false })

function rendered(html: string): HTMLElement {
  const root = document.createElement('div')
  root.className = 'tc-markdown'
  root.innerHTML = html
  return root
}

describe('richTextHtml', () => {
  it('keeps the formatting and drops the copy button, the caret, classes and data attributes', () => {
    const root = rendered(
      md.render(
        '# Title\n\nSome **bold** [link](https://example.com).\n\n```ts\nconst a = 1\n```\n',
      ) + '<span class="tc-caret" aria-hidden="true"></span>',
    )
    expect(richTextHtml(root)).toBe(
      '<h1>Title</h1>\n<p>Some <strong>bold</strong> <a href="https://example.com">link</a>.</p>\n' +
        '<pre><code class="language-ts">const a = 1\n</code></pre>',
    )
  })

  it('copies headings demoted for the chat at their markdown level', () => {
    const chat = createMarkdownIt({ highlight: false, headingOffset: 2 })
    const html = chat.render('# One\n\n## Two\n\n###### Six\n')
    expect(html).toBe(
      '<h3 data-tc-level="1">One</h3>\n<h4 data-tc-level="2">Two</h4>\n<h6 data-tc-level="6">Six</h6>\n',
    )
    expect(richTextHtml(rendered(html))).toBe('<h1>One</h1>\n<h2>Two</h2>\n<h6>Six</h6>')
  })

  it('keeps task list checkboxes and table structure', () => {
    const html = richTextHtml(rendered(md.render('- [x] done\n\n| a |\n|---|\n| 1 |\n')))
    expect(html).toContain(
      '<li><label><input type="checkbox" disabled="" checked=""> done</label></li>',
    )
    expect(html).toContain('<table>')
    expect(html).not.toContain('class=')
  })

  it('copies math as its MathML and a diagram as its source in a code block', () => {
    const root = rendered(
      '<p>Energy <span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML">' +
        '<semantics><mi>E</mi><annotation encoding="application/x-tex">E</annotation></semantics></math></span>' +
        '<span class="katex-html" aria-hidden="true"><span class="mord">E</span></span></span></p>' +
        md.render('```mermaid\ngraph TD; A-->B\n```\n'),
    )
    // As drawn: the SVG sits next to the kept source.
    root.querySelector('[data-tc-diagram]')?.insertAdjacentHTML('beforeend', '<svg><g></g></svg>')
    expect(richTextHtml(root)).toBe(
      '<p>Energy <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mi>E</mi>' +
        '<annotation encoding="application/x-tex">E</annotation></semantics></math></p>' +
        '<pre><code class="language-mermaid">graph TD; A--&gt;B\n</code></pre>',
    )
  })
})
