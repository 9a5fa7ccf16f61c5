import type { MarkdownFootnotes, MarkdownToken } from './markdown-engine.js'

/** Footnote numbering after some text: numbers in order of first reference, reference counts. */
export interface FootnoteChain {
  readonly numbers: ReadonlyMap<string, number>
  readonly counts: ReadonlyMap<string, number>
}

/** The numbering before any text. */
export const EMPTY_CHAIN: FootnoteChain = { numbers: new Map(), counts: new Map() }

/** Whether a block's source may reference or define a footnote (`[^label]`, `[^label]:`). */
export function mayUseFootnotes(source: string): boolean {
  return source.includes('[^')
}

/** Footnote state for one parse that continues `chain`, with `defined` labels defined elsewhere. */
export function footnotesAfter(
  chain: FootnoteChain,
  defined: ReadonlySet<string>,
  list = false,
  definitions = new Map<string, MarkdownToken[]>(),
): MarkdownFootnotes {
  return {
    defined,
    numbers: new Map(chain.numbers),
    counts: new Map(chain.counts),
    definitions,
    list,
  }
}

/** Whether two chains number and count alike. */
export function sameChain(a: FootnoteChain, b: FootnoteChain): boolean {
  return sameEntries(a.numbers, b.numbers) && sameEntries(a.counts, b.counts)
}

function sameEntries(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false
  for (const [key, value] of a) if (b.get(key) !== value) return false
  return true
}
