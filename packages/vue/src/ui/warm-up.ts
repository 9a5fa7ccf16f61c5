import type MarkdownIt from 'markdown-it'
import { loadHighlighter } from '../markdown/highlighter.js'

// A first render compiles what markdown-it builds lazily (linkify's patterns above all).
const SAMPLE = 'Warm *up*: https://example.com, `code`. 👍🏽'
/** Where `requestIdleCallback` is missing (Safari), this long after mounting instead. */
const FALLBACK_MS = 1000
/** The longest the warm-up waits for an idle moment. */
const IDLE_TIMEOUT_MS = 5000

/**
 * Prepares, while the page is idle, what the first reply would otherwise prepare in the middle of
 * streaming or in the key press that sends, as tasks long enough to drop frames: a first
 * markdown-it render of `md()`, the typewriter's grapheme segmenter, and the highlighter's chunk
 * (loaded, not just fetched, so the first code block is highlighted from its first line). Returns a
 * function that cancels it if it has not run yet.
 */
export function warmUpWhenIdle(md: () => MarkdownIt): () => void {
  const run = (): void => {
    md().render(SAMPLE)
    // The first Intl.Segmenter a page makes loads ICU's grapheme rules: 25-45 ms in Chromium,
    // measured, in the key press that starts the first reply's typewriter. Later ones are free.
    if (typeof Intl.Segmenter === 'function') {
      Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(SAMPLE))
    }
    // A failed load is met again, and handled, by the first code block that needs it.
    loadHighlighter().catch(() => undefined)
  }
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS })
    return () => cancelIdleCallback(handle)
  }
  const timer = setTimeout(run, FALLBACK_MS)
  return () => clearTimeout(timer)
}
