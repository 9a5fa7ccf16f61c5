import markdownit from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { createIncrementalMarkdown, snapshotHtml } from './index.js'
import type { MarkdownEngine } from './index.js'

const md = markdownit()

function streamEveryPrefix(source: string, engine = md) {
  const renderer = createIncrementalMarkdown(engine)
  for (let end = 1; end <= source.length; end++) {
    const prefix = source.slice(0, end)
    expect(snapshotHtml(renderer.update(prefix)), JSON.stringify(prefix)).toBe(
      engine.render(prefix),
    )
  }
  return renderer
}

/** A markdown-it instance that counts parse calls and the characters parsed. */
function countingEngine() {
  const inner = markdownit()
  const counts = { parses: 0, parsedChars: 0 }
  const engine: MarkdownEngine = {
    options: inner.options,
    renderer: inner.renderer,
    parse(src, env) {
      counts.parses++
      counts.parsedChars += src.length
      return inner.parse(src, env)
    },
  }
  return { engine, counts }
}

describe('createIncrementalMarkdown', () => {
  it('freezes finished blocks with their start offset as id and keeps only the open block as tail', () => {
    const renderer = createIncrementalMarkdown(md)
    const snapshot = renderer.update('# Title\n\nFirst paragraph.\n\nSecond')
    expect(snapshot.blocks.map((block) => [block.id, block.source])).toEqual([
      [0, '# Title\n\n'],
      [9, 'First paragraph.\n\n'],
    ])
    expect(snapshot.tail).toMatchObject({ start: 27, source: 'Second', html: '<p>Second</p>\n' })
  })

  it('keeps frozen block objects and the blocks array identical while only the tail grows', () => {
    const renderer = createIncrementalMarkdown(md)
    const first = renderer.update('Para one.\n\nPara two')
    const second = renderer.append(' keeps growing')
    expect(second.blocks).toBe(first.blocks)
    expect(second.blocks[0]).toBe(first.blocks[0])
  })

  it('freezes the block above a blank line before the next block has its first line end', () => {
    const snapshot = createIncrementalMarkdown(md).update(
      'A paragraph.\n\nA long single-line paragr',
    )
    expect(snapshot.blocks).toHaveLength(1)
  })

  it('does not freeze a list while the next line may still become its next item', () => {
    const renderer = createIncrementalMarkdown(md)
    expect(renderer.update('1. a\n\n2').blocks).toHaveLength(0)
    expect(snapshotHtml(renderer.update('1. a\n\n2. b'))).toBe(md.render('1. a\n\n2. b'))
  })

  it('waits for a table delimiter row to be complete before freezing the paragraph above', () => {
    streamEveryPrefix(
      'Intro\n| a | b |\n|-|-|x\n\nAfter\n\n| c | d |\n| - | - |\n| 1 | 2 |\n\nEnd\n',
    )
  })

  it('waits for a definition title that may continue on the next line', () => {
    streamEveryPrefix("Text\n\n[a]: /url\n'title\ncontinued'\n\n[a] and more\n\nlast\n")
  })

  it('re-renders a frozen block when a later definition makes its reference a link', () => {
    const renderer = createIncrementalMarkdown(md)
    const before = renderer.update('See [docs].\n\nOther text.\n\nMore.\n\n')
    expect(before.blocks[0]).toMatchObject({ html: '<p>See [docs].</p>\n', revision: 0 })
    const after = renderer.update('See [docs].\n\nOther text.\n\nMore.\n\n[docs]: https://x.dev\n')
    expect(after.blocks[0]).toMatchObject({
      html: '<p>See <a href="https://x.dev">docs</a>.</p>\n',
      revision: 1,
    })
    expect(after.blocks[1]).toBe(before.blocks[1])
  })

  it('keeps a definition still being typed out of the displayed html but in the exact html', () => {
    const renderer = createIncrementalMarkdown(md)
    const snapshot = renderer.update('![chart][c] and [c].\n\nMore.\n\n[c]: https://x.dev/ch')
    expect(snapshot.blocks[0]?.html).toContain('src="https://x.dev/ch"')
    expect(snapshot.blocks[0]?.displayHtml).toBe('<p>![chart][c] and [c].</p>\n')
    const complete = renderer.append('art.png\n')
    expect(complete.blocks[0]?.displayHtml).toContain('src="https://x.dev/chart.png"')
    expect(renderer.finish().blocks[0]?.displayHtml).toBe(complete.blocks[0]?.html)
  })

  it('renders every prefix exactly with CRLF line ends split across chunks', () => {
    streamEveryPrefix('# T\r\n\r\n- a\r\n- b\r\n\r\n```js\r\nx\r\n```\r\n\r\npara\r\n')
  })

  it('starts over when the new source does not extend the previous one', () => {
    const renderer = createIncrementalMarkdown(md)
    renderer.update('First reply.\n\nWith two blocks')
    const snapshot = renderer.update('Another reply')
    expect(snapshot.blocks).toHaveLength(0)
    expect(snapshot.tail.html).toBe('<p>Another reply</p>\n')
    expect(snapshotHtml(renderer.update(''))).toBe('')
  })

  it('continues with update after append when the source extends what was appended', () => {
    const renderer = createIncrementalMarkdown(md)
    renderer.append('# T\n\nOne.\n\nTw')
    const snapshot = renderer.update('# T\n\nOne.\n\nTwo.\n')
    expect(snapshot.blocks.map((block) => block.id)).toEqual([0, 5])
    expect(snapshotHtml(snapshot)).toBe(md.render('# T\n\nOne.\n\nTwo.\n'))
  })

  it('displays the repaired tail while streaming and the exact tail once finished', () => {
    const renderer = createIncrementalMarkdown(md)
    const streaming = renderer.update('Some **bold')
    expect(streaming.tail.html).toBe('<p>Some **bold</p>\n')
    expect(streaming.tail.displayHtml).toBe('<p>Some <strong>bold</strong></p>\n')
    const finished = renderer.finish()
    expect(finished.done).toBe(true)
    expect(finished.tail.displayHtml).toBe('<p>Some **bold</p>\n')
  })

  it('displays the exact tail when repair is turned off', () => {
    const renderer = createIncrementalMarkdown(md, { repair: false })
    expect(renderer.update('Some **bold').tail.displayHtml).toBe('<p>Some **bold</p>\n')
  })

  it('describes an open top-level fence for append-only display, withholding a closing marker being typed', () => {
    const renderer = createIncrementalMarkdown(md)
    const snapshot = renderer.update('Intro\n\n```ts title="a.ts"\nconst a = 1\n``')
    expect(snapshot.tail.openFence).toMatchObject({
      markup: '```',
      info: 'ts title="a.ts"',
      lang: 'ts',
      code: 'const a = 1\n',
    })
    expect(snapshot.tail.html).toBe(md.render('```ts title="a.ts"\nconst a = 1\n``'))
    expect(snapshot.tail.displayHtml).toBe(md.render('```ts title="a.ts"\nconst a = 1\n'))
    expect(renderer.append('`\n').tail.openFence).toBeNull()
  })

  it('gives the code appended since a length a view already shows', () => {
    const renderer = createIncrementalMarkdown(md)
    const first = renderer.update('```py\nimport os\n').tail.openFence
    const second = renderer.append('print(os.sep)\n``').tail.openFence
    expect(first?.code).toBe('import os\n')
    expect(second?.codeSince(first?.codeLength ?? 0)).toBe('print(os.sep)\n')
    expect(second?.code).toBe('import os\nprint(os.sep)\n')
    expect(second?.codeLength).toBe(second?.code.length)
  })

  it('scans only the appended text while a long fence stays open', () => {
    const { engine, counts } = countingEngine()
    const renderer = createIncrementalMarkdown(engine)
    renderer.update('```js\n')
    const parsesBefore = counts.parses
    for (let line = 0; line < 2000; line++) renderer.append(`console.log(${line})\n`)
    expect(counts.parses).toBe(parsesBefore)
    const snapshot = renderer.append('```\n')
    expect(snapshotHtml(snapshot)).toBe(md.render(snapshot.tail.source))
  })

  it('parses only the open tail, so the parsed text per update does not grow with the document', () => {
    const { engine, counts } = countingEngine()
    const renderer = createIncrementalMarkdown(engine)
    const paragraph = 'A sentence with **bold** and `code` that goes on for a while. '.repeat(4)
    for (let index = 0; index < 200; index++) {
      if (index === 100) counts.parsedChars = 0
      for (let at = 0; at < paragraph.length; at += 4) renderer.append(paragraph.slice(at, at + 4))
      renderer.append('\n\n')
    }
    const perUpdate = counts.parsedChars / (100 * (paragraph.length / 4 + 1))
    expect(perUpdate).toBeLessThan(paragraph.length * 2)
  })
})
