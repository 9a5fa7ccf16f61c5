// @vitest-environment happy-dom
import MarkdownIt from 'markdown-it'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readyHighlighter } from '../../src/markdown/highlighter.js'
import { warmUpWhenIdle } from '../../src/ui/warm-up.js'

/** A page whose idle moments come when the test says so. */
function stubIdle(): { idle: () => void; cancelled: number[] } {
  const callbacks = new Map<number, () => void>()
  const cancelled: number[] = []
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => {
    callbacks.set(callbacks.size + 1, callback)
    return callbacks.size
  })
  vi.stubGlobal('cancelIdleCallback', (handle: number) => {
    cancelled.push(handle)
    callbacks.delete(handle)
  })
  return {
    idle() {
      for (const callback of callbacks.values()) callback()
      callbacks.clear()
    },
    cancelled,
  }
}

afterEach(() => vi.unstubAllGlobals())

describe('warmUpWhenIdle', () => {
  it('renders once and loads the highlighter when the page is idle, not before', async () => {
    const page = stubIdle()
    const md = new MarkdownIt({ linkify: true })
    const render = vi.spyOn(md, 'render')
    warmUpWhenIdle(() => md)
    expect(render).not.toHaveBeenCalled()
    expect(readyHighlighter()).toBeNull()
    page.idle()
    expect(render).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(readyHighlighter()).not.toBeNull())
  })

  it('makes the first grapheme segmenter while the page is idle, so the first reply does not', () => {
    const page = stubIdle()
    const Segmenter = Intl.Segmenter
    let made = 0
    const replace = (value: typeof Segmenter): void =>
      void Object.defineProperty(Intl, 'Segmenter', { value, configurable: true, writable: true })
    replace(
      class extends Segmenter {
        constructor(...args: ConstructorParameters<typeof Segmenter>) {
          super(...args)
          made += 1
        }
      },
    )
    try {
      warmUpWhenIdle(() => new MarkdownIt())
      expect(made).toBe(0)
      page.idle()
      expect(made).toBe(1)
    } finally {
      replace(Segmenter)
    }
  })

  it('does nothing once cancelled', () => {
    const page = stubIdle()
    const md = new MarkdownIt()
    const render = vi.spyOn(md, 'render')
    warmUpWhenIdle(() => md)()
    page.idle()
    expect(page.cancelled).toEqual([1])
    expect(render).not.toHaveBeenCalled()
  })
})
