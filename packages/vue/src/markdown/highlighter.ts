/** Highlights `code` as `lang`, returning html, or `null` when the language is not supported. */
export type HighlightCode = (code: string, lang: string) => string | null

const CACHE_SIZE = 32

let ready: HighlightCode | null = null
let loading: Promise<HighlightCode> | null = null
const listeners = new Set<() => void>()

/*
 * A closed fence stays in the open tail until the next block's first line is complete, and the tail
 * is re-rendered on every frame meanwhile. Remembering recent results keeps that from highlighting
 * the same (possibly long) code again per frame.
 */
function cached(highlight: HighlightCode): HighlightCode {
  const results = new Map<string, string | null>()
  return (code, lang) => {
    const key = `${lang}\n${code}`
    if (results.has(key)) {
      const hit = results.get(key) ?? null
      results.delete(key)
      results.set(key, hit)
      return hit
    }
    const html = highlight(code, lang)
    results.set(key, html)
    if (results.size > CACHE_SIZE) results.delete(results.keys().next().value ?? '')
    return html
  }
}

/**
 * Loads highlight.js and its curated languages (once; later calls share the promise). Code blocks
 * rendered before it resolves are upgraded in place by the components that listen for it.
 */
export function loadHighlighter(): Promise<HighlightCode> {
  loading ??= import('./highlight-languages.js').then((module) => {
    const highlight = cached(module.highlightCode)
    ready = highlight
    for (const listener of listeners) listener()
    return highlight
  })
  return loading
}

/** The highlighter if it has loaded, else `null`. */
export function readyHighlighter(): HighlightCode | null {
  return ready
}

/** Calls `listener` when the highlighter finishes loading; returns a function that unsubscribes. */
export function onHighlighterReady(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
