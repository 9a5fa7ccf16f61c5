import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { loadHighlighter } from '../../src/markdown/highlighter.js'
import { flushFrame, mountStreaming, renderWhole, stream } from './stream-helpers.js'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

// One test: the highlighter is loaded once per module, and the point is what happens before and after.
it('highlights code after the lazy load, and a growing fence never reverts to plain text', async () => {
  const wrapper = mountStreaming()
  await stream(wrapper, 'Before:\n\n```js\nconst a = 1\n```\n\nNow:\n\n```ts\nlet b = 2\n', 3)
  expect(wrapper.element.querySelector('.hljs')).toBeNull()

  await loadHighlighter()
  const frozen = wrapper.element.querySelector('code[data-tc-lang="js"]')
  expect(frozen?.classList.contains('hljs')).toBe(true)
  expect(frozen?.querySelector('.hljs-keyword')?.textContent).toBe('const')
  const open = wrapper.element.querySelectorAll('pre code')[1]
  const firstSegment = open?.querySelector('.tc-code__segment')
  expect(firstSegment?.querySelector('.hljs-keyword')?.textContent).toBe('let')

  const highlight = vi.fn()
  let source = 'Before:\n\n```js\nconst a = 1\n```\n\nNow:\n\n```ts\nlet b = 2\n'
  for (let i = 0; i < 30; i++) {
    source += i % 3 === 2 ? '\n' : `x${i} `
    await wrapper.setProps({ source })
    flushFrame()
    const code = wrapper.element.querySelectorAll('pre code')[1]
    expect(code).toBe(open)
    expect(code?.firstChild).toBe(firstSegment)
    expect(code?.classList.contains('hljs')).toBe(true)
    highlight(code?.textContent)
  }
  expect(highlight).toHaveBeenLastCalledWith(
    source.slice(source.indexOf('let')).replace(/x29 $/, ''),
  )

  await wrapper.setProps({ source: `${source}\n\`\`\`\n`, streaming: false })
  await nextTick()
  expect(wrapper.element.innerHTML).toBe(renderWhole(`${source}\n\`\`\`\n`))
  expect(wrapper.element.querySelectorAll('code.hljs')).toHaveLength(2)
})
