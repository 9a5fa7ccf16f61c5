import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { loadMath, readyMath } from '../../src/markdown/math-renderer.js'
import { mathDocuments } from './math-documents.js'
import { mountStreaming, renderWhole, stream } from './stream-helpers.js'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

// One test: KaTeX is loaded once per module, and the point is what happens before and after.
it('shows formulas as TeX placeholders until KaTeX loads, then typesets them in place', async () => {
  const doc = mathDocuments[0] ?? ''
  const wrapper = mountStreaming()
  await stream(wrapper, doc, 7)
  expect(readyMath()).toBeNull()
  const root = wrapper.element as HTMLElement
  const placeholders = [...root.querySelectorAll('.tc-math')]
  expect(placeholders.map((element) => element.textContent)).toContain('ax^2 + bx + c = 0')
  expect(root.querySelector('.katex, [data-tc-math-done]')).toBeNull()

  await loadMath()
  const typeset = [...root.querySelectorAll('.tc-math')]
  expect(typeset.every((element, index) => element === placeholders[index])).toBe(true)
  for (const element of typeset) expect(element.querySelector('.katex')).not.toBeNull()

  await wrapper.setProps({ streaming: false })
  await nextTick()
  expect(wrapper.element.innerHTML).toBe(renderWhole(doc))
})
