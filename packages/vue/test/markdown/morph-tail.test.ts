import { createIncrementalMarkdown } from '@typewriter-chat/core'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultMarkdownIt, kitFenceOptions } from '../../src/markdown/create-markdown-it.js'
import { MarkdownDom } from '../../src/markdown/markdown-dom.js'
import { morphNodes } from '../../src/markdown/morph-nodes.js'
import { llmDocuments } from './llm-documents.js'

const corePackage = fileURLToPath(new URL('../../../core/package.json', `file://${__filename}`))
const spec = createRequire(corePackage)('commonmark-spec') as { tests: { markdown: string }[] }

function nodes(html: string): ChildNode[] {
  const template = document.createElement('template')
  template.innerHTML = html
  return [...template.content.childNodes]
}

function holding(html: string): { parent: HTMLElement; current: ChildNode[] } {
  const parent = document.createElement('div')
  parent.innerHTML = html
  return { parent, current: [...parent.childNodes] }
}

describe('morphNodes', () => {
  it('keeps the elements and text node of a paragraph whose text grew', () => {
    const { parent, current } = holding('<p>Hello <em>big</em> wor</p>')
    const paragraph = parent.firstChild
    const lastText = paragraph?.lastChild
    morphNodes(parent, current, nodes('<p>Hello <em>big</em> world</p>'), null)
    expect(parent.innerHTML).toBe('<p>Hello <em>big</em> world</p>')
    expect(parent.firstChild).toBe(paragraph)
    expect(paragraph?.lastChild).toBe(lastText)
  })

  it('replaces a node of another kind or tag, updates attributes and drops what is left over', () => {
    const { parent, current } = holding('<p>a</p><ul><li>b</li></ul><p>c</p>x')
    const list = parent.childNodes[1]
    expect(list).toBeDefined()
    const result = morphNodes(
      parent,
      current,
      nodes('<h2>a</h2><ol start="3"><li>b</li></ol>'),
      null,
    )
    expect(parent.innerHTML).toBe('<h2>a</h2><ol start="3"><li>b</li></ol>')
    expect(result).toEqual([...parent.childNodes])
    expect(list !== undefined && parent.contains(list)).toBe(false)
    const link = holding('<a href="https://exa" title="t">x</a>')
    morphNodes(link.parent, link.current, nodes('<a href="https://example.com">x</a>'), null)
    expect(link.parent.innerHTML).toBe('<a href="https://example.com">x</a>')
  })

  it('inserts new nodes before `before`', () => {
    const { parent, current } = holding('<p>a</p><span class="end"></span>')
    morphNodes(parent, current.slice(0, 1), nodes('<p>a</p><p>b</p>'), parent.lastChild ?? null)
    expect(parent.innerHTML).toBe('<p>a</p><p>b</p><span class="end"></span>')
  })
})

describe('the streaming tail, updated in place', () => {
  /** Streams `source` in `size` pieces; at each step the DOM equals a fresh render of the step. */
  function mismatches(source: string, size: number): number {
    const md = defaultMarkdownIt()
    const renderer = createIncrementalMarkdown(md)
    const root = document.createElement('div')
    const dom = new MarkdownDom(root, kitFenceOptions(md))
    let bad = 0
    for (let end = size; end < source.length + size; end += size) {
      const snapshot = renderer.append(source.slice(end - size, end))
      dom.render(snapshot, true)
      const fresh = document.createElement('div')
      new MarkdownDom(fresh, kitFenceOptions(md)).render(snapshot, true)
      if (root.innerHTML !== fresh.innerHTML) bad++
    }
    return bad
  }

  it('equals a fresh render at every step of every CommonMark example', () => {
    let bad = 0
    for (const { markdown } of spec.tests) bad += mismatches(markdown, 3)
    expect(bad).toBe(0)
  })

  it.each(llmDocuments.map((doc, index) => [index, doc] as const))(
    'equals a fresh render at every step of LLM-shaped document %i',
    (_index, doc) => {
      expect(mismatches(doc, 2)).toBe(0)
    },
  )

  it('keeps the tail paragraph and its first text node while words are typed', () => {
    const md = defaultMarkdownIt()
    const renderer = createIncrementalMarkdown(md)
    const root = document.createElement('div')
    const dom = new MarkdownDom(root, kitFenceOptions(md))
    dom.render(renderer.append('Intro.\n\nThe tail grows'), true)
    const paragraph = root.querySelectorAll('p')[1]
    const text = paragraph?.firstChild
    for (const word of [' word', ' by', ' word']) dom.render(renderer.append(word), true)
    expect(root.querySelectorAll('p')[1]).toBe(paragraph)
    expect(paragraph?.firstChild).toBe(text)
    expect(paragraph?.textContent).toBe('The tail grows word by word')
  })
})
