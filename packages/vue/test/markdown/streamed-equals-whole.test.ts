import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadHighlighter } from '../../src/markdown/highlighter.js'
import { loadMath } from '../../src/markdown/math-renderer.js'
import { llmDocuments } from './llm-documents.js'
import { mathDocuments } from './math-documents.js'
import { renderStreamed, renderWhole, withoutCaret } from './stream-helpers.js'

// commonmark-spec is a devDependency of core; resolve it from there rather than duplicate it.
const corePackage = fileURLToPath(new URL('../../../core/package.json', `file://${__filename}`))
const require = createRequire(corePackage)
const spec = require('commonmark-spec') as { tests: { markdown: string; example: number }[] }

beforeAll(async () => {
  // Loaded first so streamed and whole renders both highlight and typeset at render time.
  await Promise.all([loadHighlighter(), loadMath()])
})
beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('final DOM equals the component given the whole text at once', () => {
  it('for every CommonMark spec example, streamed in 1- and 5-character pieces', async () => {
    const failures: number[] = []
    for (const { markdown, example } of spec.tests) {
      const whole = renderWhole(markdown)
      for (const size of [1, 5]) {
        if (withoutCaret(await renderStreamed(markdown, size)) !== whole) failures.push(example)
      }
    }
    expect(spec.tests.length).toBe(652)
    expect(failures).toEqual([])
    // 1,304 streamed renders: 7–11 s alone, more beside the other projects' workers; the bound is
    // there to catch a hang, not to time the renderer (the benchmarks do that).
  }, 90_000)

  it.each(llmDocuments.map((doc, index) => [index, doc] as const))(
    'for LLM-shaped document %i streamed in pieces of 1, 3 and 17 characters',
    async (_index, doc) => {
      const whole = renderWhole(doc)
      for (const size of [1, 3, 17]) expect(await renderStreamed(doc, size)).toBe(whole)
    },
  )

  it.each(mathDocuments.map((doc, index) => [index, doc] as const))(
    'for math-bearing document %i streamed in pieces of 1, 3 and 17 characters',
    async (_index, doc) => {
      const whole = renderWhole(doc)
      for (const size of [1, 3, 17]) expect(await renderStreamed(doc, size)).toBe(whole)
    },
  )
})
