import { lazyEngine } from './lazy-engine.js'

/** Highlights `code` as `lang`, returning html, or `null` when the language is not supported. */
export type HighlightCode = (code: string, lang: string) => string | null

/*
 * A closed fence stays in the open tail until the next block's first line is complete, and the tail
 * is re-rendered on every frame meanwhile: the engine's cache keeps that from highlighting the same
 * (possibly long) code again per frame.
 */
const highlighter = lazyEngine<[string, string], string | null>(
  () => import('./highlight-languages.js').then((module) => module.highlightCode),
  (code, lang) => `${lang}\n${code}`,
  32,
)

/**
 * Loads highlight.js and its curated languages (once; later calls share the promise). Code blocks
 * rendered before it resolves are upgraded in place by the components that listen for it.
 */
export const loadHighlighter: () => Promise<HighlightCode> = highlighter.load

/** The highlighter if it has loaded, else `null`. */
export const readyHighlighter: () => HighlightCode | null = highlighter.ready

/** Calls `listener` when the highlighter finishes loading; returns a function that unsubscribes. */
export const onHighlighterReady: (listener: () => void) => () => void = highlighter.onReady
