import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMarkdownIt } from '../../src/markdown/create-markdown-it.js'
import { loadMath } from '../../src/markdown/math-renderer.js'
import { mathDocuments } from './math-documents.js'
import { flushFrame, mountStreaming } from './stream-helpers.js'

const md = createMarkdownIt()

function dom(html: string): HTMLElement {
  const root = document.createElement('div')
  root.innerHTML = html
  return root
}

/** The text a reader sees as prose: everything but formulas and code. */
function prose(root: Element): string {
  const copy = root.cloneNode(true) as Element
  for (const element of copy.querySelectorAll('.tc-math, code, .tc-caret')) element.remove()
  return copy.textContent
}

beforeAll(async () => {
  await loadMath()
})

describe('math', () => {
  it('typesets $…$, $$…$$, \\(…\\) and \\[…\\], inline and display', () => {
    const root = dom(
      md.render(String.raw`$a^2$ and \(b\) then $$c$$ and \[d\]` + '\n\n$$\ne\n$$\n'),
    )
    const formulas = [...root.querySelectorAll<HTMLElement>('.tc-math')]
    expect(formulas.map((element) => [element.tagName, element.dataset.tcMath])).toEqual([
      ['SPAN', 'inline'],
      ['SPAN', 'inline'],
      ['SPAN', 'display'],
      ['SPAN', 'display'],
      ['DIV', 'display'],
    ])
    for (const element of formulas) expect(element.querySelector('.katex')).not.toBeNull()
    expect(root.querySelectorAll('.katex-display')).toHaveLength(3)
    expect(root.querySelector('annotation')?.textContent).toBe('a^2')
  })

  it.each([
    ['It costs $5 and $10.', 'It costs $5 and $10.'],
    ['Pay $ 20 now, or 3$ each.', 'Pay $ 20 now, or 3$ each.'],
    [String.raw`A literal \$x\$ stays text.`, 'A literal $x$ stays text.'],
    ['Money $5 and $10, math $x$.', 'Money $5 and $10, math .'],
  ])('keeps prices and escaped dollars as text: %j', (source, text) => {
    expect(prose(dom(md.render(source))).trim()).toBe(text)
  })

  it('renders display math inside lists, quotes and tables', () => {
    const root = dom(md.render(mathDocuments[1] + '\n' + mathDocuments[2]))
    expect(root.querySelectorAll('li > .tc-math--display .katex-display')).toHaveLength(2)
    expect(root.querySelector('blockquote > .tc-math--display .katex')).not.toBeNull()
    expect(root.querySelector('td > .tc-math--display .katex-display')).not.toBeNull()
    expect(root.querySelectorAll('td .katex')).toHaveLength(3)
  })

  it('shows a formula KaTeX cannot parse as its source with the message, without throwing', () => {
    const root = dom(md.render(String.raw`$\frac{1}{$ and $$\def\a{\a}\a$$`))
    const errors = [...root.querySelectorAll<HTMLElement>('.tc-math--error')]
    expect(errors.map((element) => element.textContent)).toEqual([
      String.raw`\frac{1}{`,
      String.raw`\def\a{\a}\a`,
    ])
    expect(errors[0]?.title).toMatch(/KaTeX parse error/)
    expect(errors[1]?.title).toMatch(/Too many expansions/)
  })

  it('shows a display block whose closer has not come as its source, not as prose', () => {
    const root = dom(md.render('Text\n$$\nx = \\frac{a}{b}'))
    expect(root.querySelector('.tc-math--pending')?.textContent).toBe('x = \\frac{a}{b}')
    expect(prose(root)).not.toContain('$$')
  })

  it('leaves no script-capable markup from hostile TeX', () => {
    const root = dom(md.render(mathDocuments[6] ?? ''))
    expect(root.querySelectorAll('.katex')).toHaveLength(6)
    expect(
      root.querySelectorAll('a, script, img, iframe, object, embed, foreignObject'),
    ).toHaveLength(0)
    for (const element of root.querySelectorAll('*')) {
      for (const { name, value } of element.attributes) {
        expect(name).not.toMatch(/^on|href$|^src$/i)
        expect(value).not.toMatch(/javascript:/i)
      }
      expect(element.classList.contains('x')).toBe(false)
    }
    expect(root.querySelector('#a')).toBeNull()
  })

  it('can be turned off', () => {
    expect(createMarkdownIt({ math: false }).render('$x$ and $$y$$')).toBe('<p>$x$ and $$y$$</p>\n')
  })
})

describe('streaming math', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it.each(mathDocuments.map((doc, index) => [index, doc] as const))(
    'never shows $$ or \\[ as prose nor turns a formula back into text, document %i',
    async (_index, doc) => {
      // A lone `$` may be a price, so `$\frac{…` shows as text until its closer; `$$`, `\[` and `\(`
      // never do.
      const wrapper = mountStreaming()
      let formulas = 0
      for (let end = 1; end <= doc.length; end++) {
        await wrapper.setProps({ source: doc.slice(0, end) })
        flushFrame()
        // Frozen blocks never change once inserted: checking the tail and what froze last will do.
        const frozen = wrapper.element.querySelector('.tc-markdown__frozen')
        const tail = [...wrapper.element.children].filter((element) => element !== frozen)
        for (const element of [...tail, frozen?.lastElementChild]) {
          if (element) expect(prose(element), doc.slice(0, end)).not.toMatch(/\$\$|\\\[|\\\(/)
        }
        const now = wrapper.element.querySelectorAll('[data-tc-math-done]').length
        expect(now, doc.slice(0, end)).toBeGreaterThanOrEqual(formulas)
        formulas = now
      }
      wrapper.unmount()
    },
  )
})
