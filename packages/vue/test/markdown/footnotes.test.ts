import { createIncrementalMarkdown, snapshotHtml } from '@typewriter-chat/core'
import { describe, expect, it } from 'vitest'
import { createMarkdownIt } from '../../src/markdown/create-markdown-it.js'

const md = createMarkdownIt({ highlight: false })

describe('footnotes', () => {
  it('numbers references by first use, links both ways and lists the notes at the end', () => {
    const html = md.render(
      'A[^1], B[^n], A again[^1], [^x] undefined.\n\n[^n]: Note *n*.\n\n[^1]: One.\n\n    More.\n\nAfter.\n',
      { docId: 'd' },
    )
    expect(html).toBe(
      '<p>A<sup class="tc-fnref"><a href="#tc-fn-d-1" id="tc-fnref-d-1" aria-label="Footnote 1">1</a></sup>, ' +
        'B<sup class="tc-fnref"><a href="#tc-fn-d-2" id="tc-fnref-d-2" aria-label="Footnote 2">2</a></sup>, ' +
        'A again<sup class="tc-fnref"><a href="#tc-fn-d-1" id="tc-fnref-d-1-2" aria-label="Footnote 1">1</a></sup>, ' +
        '[^x] undefined.</p>\n<p>After.</p>\n' +
        '<section class="tc-footnotes" aria-label="Footnotes">\n<ol class="tc-footnotes__list">\n' +
        '<li id="tc-fn-d-1"><p>One.</p>\n<p>More. <a href="#tc-fnref-d-1" class="tc-fnback" aria-label="Back to reference 1">↩︎</a>' +
        ' <a href="#tc-fnref-d-1-2" class="tc-fnback" aria-label="Back to reference 1-2">↩︎</a></p>\n</li>\n' +
        '<li id="tc-fn-d-2"><p>Note <em>n</em>. <a href="#tc-fnref-d-2" class="tc-fnback" aria-label="Back to reference 2">↩︎</a></p>\n</li>\n' +
        '</ol>\n</section>\n',
    )
  })

  it('gives two replies on one page different ids', () => {
    const source = 'Text[^a].\n\n[^a]: Note.\n'
    const first = md.render(source, { docId: 'r1' })
    const second = md.render(source, { docId: 'r2' })
    expect(first).toContain('id="tc-fn-r1-1"')
    expect(second).toContain('id="tc-fn-r2-1"')
    expect(md.render(source)).toContain('id="tc-fn-1"')
  })

  it('renders labels and notes escaped, and leaves unreferenced notes out', () => {
    expect(md.render('x[^<b>]\n\n[^<b>]: <i>n</i>\n\n[^unused]: gone\n')).toBe(
      '<p>x<sup class="tc-fnref"><a href="#tc-fn-1" id="tc-fnref-1" aria-label="Footnote 1">1</a></sup></p>\n' +
        '<section class="tc-footnotes" aria-label="Footnotes">\n<ol class="tc-footnotes__list">\n' +
        '<li id="tc-fn-1"><p>&lt;i&gt;n&lt;/i&gt; <a href="#tc-fnref-1" class="tc-fnback" aria-label="Back to reference 1">↩︎</a></p>\n</li>\n' +
        '</ol>\n</section>\n',
    )
  })
})

const STREAMED = [
  'Early[^late] and[^b] again[^late].\n\nMiddle paragraph.\n\n[^b]: Bee *note*.\n\nMore[^b] text.\n\n[^late]: Defined last,\nlazily continued.\n',
  '- item[^1]\n- [x] task[^2]\n\n> quote[^2]\n\n| a | b |\n|---|---|\n| c[^1] | d |\n\n[^1]: One.\n\n    Indented second paragraph.\n\n[^2]: Two[^1].\n\nEnd.',
  'No definition[^x] here.\n\n[^y]: unused\n\nText[^y]\n',
]

describe('footnotes streamed', () => {
  it.each(STREAMED.map((doc, index) => [index, doc] as const))(
    'equal a whole render at every prefix of document %i',
    (_index, doc) => {
      const renderer = createIncrementalMarkdown(md, { docId: 'm' })
      for (let end = 1; end <= doc.length; end++) {
        const prefix = doc.slice(0, end)
        expect(snapshotHtml(renderer.update(prefix)), JSON.stringify(prefix)).toBe(
          md.render(prefix, { docId: 'm' }),
        )
      }
    },
  )

  it('re-renders a frozen reference when its definition arrives, and no other block', () => {
    const renderer = createIncrementalMarkdown(md)
    const before = renderer.update('See[^n].\n\nPlain.\n\nMore.\n\n')
    expect(before.blocks.map((block) => block.revision)).toEqual([0, 0])
    const after = renderer.append('[^n]: The note.\n\nLast')
    expect(after.blocks.map((block) => block.revision)).toEqual([1, 0])
    expect(after.blocks[0]?.html).toContain('href="#tc-fn-1"')
    expect(after.footnotes).toContain('<li id="tc-fn-1"><p>The note.')
  })
})
