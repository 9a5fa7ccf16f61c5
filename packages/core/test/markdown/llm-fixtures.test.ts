import markdownit from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { llmFixtures } from './llm-fixtures.js'
import { charChunks, firstMismatch, type ReferenceEngine } from './streaming.js'

/** Pieces of about four characters, never splitting a code point: what a model streams. */
function tokenChunks(source: string): string[] {
  const points = Array.from(source)
  const chunks: string[] = []
  for (let at = 0; at < points.length; at += 4) chunks.push(points.slice(at, at + 4).join(''))
  return chunks
}

const engines: Record<string, () => ReferenceEngine> = {
  'commonmark preset': () => markdownit('commonmark'),
  'default preset with linkify': () => markdownit({ html: false, linkify: true }),
}

describe.each(Object.entries(engines))('LLM-shaped replies streamed (%s)', (_, create) => {
  const md = create()

  it.each(Object.entries(llmFixtures))(
    'renders every ~4-character prefix of "%s" exactly like a full render',
    { timeout: 30_000 },
    (_name, source) => {
      expect(firstMismatch(md, tokenChunks(source))).toBeNull()
    },
  )

  it.each(Object.entries(llmFixtures).filter(([name]) => name !== 'long code fence'))(
    'renders every single-character prefix of "%s" exactly like a full render',
    (_name, source) => {
      expect(firstMismatch(md, charChunks(source))).toBeNull()
    },
  )
})
