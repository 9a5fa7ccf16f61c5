import { createRequire } from 'node:module'
import markdownit from 'markdown-it'
import { describe, expect, it } from 'vitest'
import {
  charChunks,
  firstMismatch,
  lineChunks,
  randomChunks,
  seededRandom,
  type ReferenceEngine,
} from './streaming.js'

interface SpecExample {
  markdown: string
  number: number
  section: string
}

const require = createRequire(import.meta.url)
const examples = (require('commonmark-spec') as { tests: SpecExample[] }).tests

const engines: Record<string, () => ReferenceEngine> = {
  'commonmark preset': () => markdownit('commonmark'),
  'default preset with linkify': () => markdownit({ html: false, linkify: true }),
  'default preset with html': () => markdownit({ html: true }),
}

function failures(md: ReferenceEngine, chunking: (source: string, index: number) => string[]) {
  return examples.flatMap((example, index) => {
    const mismatch = firstMismatch(md, chunking(example.markdown, index))
    return mismatch ? [{ example: example.number, section: example.section, ...mismatch }] : []
  })
}

describe.each(Object.entries(engines))('CommonMark spec examples streamed (%s)', (_, create) => {
  const md = create()

  it('has all 652 examples', () => {
    expect(examples).toHaveLength(652)
  })

  it('renders every prefix exactly like a full render, one character at a time', () => {
    expect(failures(md, charChunks)).toEqual([])
  })

  it('renders exactly when streamed in random 1-8 character pieces', () => {
    expect(failures(md, (source, index) => randomChunks(source, seededRandom(index + 1)))).toEqual(
      [],
    )
  })

  it('renders exactly when streamed line by line', () => {
    expect(failures(md, lineChunks)).toEqual([])
  })
})
