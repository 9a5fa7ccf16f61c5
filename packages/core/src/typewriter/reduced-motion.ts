/** The part of `window.matchMedia` the typewriter reads. */
export type MatchMedia = (query: string) => { matches: boolean }

/** Whether the user asked the system for less motion (`prefers-reduced-motion: reduce`). */
export function prefersReducedMotion(
  matchMedia: MatchMedia | undefined = typeof globalThis.matchMedia === 'function'
    ? (query) => globalThis.matchMedia(query)
    : undefined,
): boolean {
  return matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
}
