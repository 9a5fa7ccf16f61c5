import markdownit from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { createIncrementalMarkdown } from '../../src/markdown/index.js'
import type { MarkdownSnapshot } from '../../src/markdown/index.js'
import { llmFixtures } from './llm-fixtures.js'
import { charChunks } from './streaming.js'

/** The html with the contents of code blocks and code spans taken out: raw markers live there. */
function outsideCode(html: string): string {
  return html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '')
}

function urls(html: string): string[] {
  return [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((match) => match[1] ?? '')
}

function displayed(snapshot: MarkdownSnapshot): string {
  return snapshot.blocks.map((block) => block.displayHtml).join('') + snapshot.tail.displayHtml
}

const engines = {
  'commonmark preset': () => markdownit('commonmark'),
  'default preset with linkify': () => markdownit({ html: false, linkify: true }),
}

const fixtures = Object.entries(llmFixtures).filter(([name]) => name !== 'long code fence')

describe.each(Object.entries(engines))('display repair while streaming (%s)', (_, create) => {
  const md = create()

  it.each(fixtures)(
    'never shows raw ** or a stray backtick, nor a URL the final render lacks, at any prefix of "%s"',
    (_name, source) => {
      const final = md.render(source)
      expect(outsideCode(final)).not.toMatch(/\*\*|`/)
      const finalUrls = new Set(urls(final))
      const renderer = createIncrementalMarkdown(md)
      for (const chunk of charChunks(source)) {
        const shown = displayed(renderer.append(chunk))
        expect(outsideCode(shown)).not.toMatch(/\*\*|`/)
        for (const url of urls(shown)) expect(finalUrls).toContain(url)
      }
      const finished = renderer.finish()
      expect(displayed(finished)).toBe(final)
    },
  )
})
