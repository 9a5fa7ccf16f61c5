import { createIncrementalMarkdown, snapshotHtml } from '../../src/markdown/index.js'
import type { MarkdownEngine, MarkdownSnapshot } from '../../src/markdown/index.js'

/** A markdown-it instance as the tests build it (`render` for the reference output). */
export interface ReferenceEngine extends MarkdownEngine {
  render(src: string): string
}

/** Where streaming `source` in `chunks` first differs from a full render, or `null`. */
export interface Mismatch {
  prefix: string
  expected: string
  actual: string
}

/** A deterministic PRNG (mulberry32), so every random chunking is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Splits `source` into pieces of `min`..`max` UTF-16 units drawn from `random`. */
export function randomChunks(source: string, random: () => number, min = 1, max = 8): string[] {
  const chunks: string[] = []
  for (let at = 0; at < source.length;) {
    const size = min + Math.floor(random() * (max - min + 1))
    chunks.push(source.slice(at, at + size))
    at += size
  }
  return chunks
}

/** Splits `source` after every line end. */
export function lineChunks(source: string): string[] {
  return source.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

/** Splits `source` into single UTF-16 units: every prefix gets rendered. */
export function charChunks(source: string): string[] {
  return source.split('')
}

/**
 * Streams `chunks` through an incremental renderer and checks, after every chunk, that the joined
 * exact html equals `md.render(prefix)`, and at the end that the finished snapshot does too.
 */
export function firstMismatch(
  md: ReferenceEngine,
  chunks: readonly string[],
  onSnapshot?: (snapshot: MarkdownSnapshot, prefix: string) => void,
): Mismatch | null {
  const renderer = createIncrementalMarkdown(md)
  let prefix = ''
  for (const chunk of chunks) {
    prefix += chunk
    const snapshot = renderer.append(chunk)
    onSnapshot?.(snapshot, prefix)
    const actual = snapshotHtml(snapshot)
    const expected = md.render(prefix)
    if (actual !== expected) return { prefix, expected, actual }
  }
  const final = snapshotHtml(renderer.finish())
  const expected = md.render(prefix)
  return final === expected ? null : { prefix, expected, actual: final }
}
