/** How deep a request body may nest; real chat requests (tool schemas included) stay far below. */
export const MAX_JSON_DEPTH = 64

/**
 * The path (`messages[0].content[0].x`) of the first value nested deeper than `maxDepth` containers,
 * or `undefined`. Iterative, so the check itself cannot overflow the stack that a too-deep body
 * would overflow later (the SDK's `JSON.stringify`, for one).
 */
export function tooDeepPath(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
): (string | number)[] | undefined {
  const stack: Array<{ value: unknown; path: (string | number)[] }> = [{ value, path: [] }]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: current, path } = item
    if (typeof current !== 'object' || current === null) continue
    if (path.length >= maxDepth) return path
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((child, i) => [i, child])
      : Object.entries(current)
    // Reversed, so the first offending value found is the first in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string | number, unknown]
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, path: [...path, key] })
    }
  }
  return undefined
}
