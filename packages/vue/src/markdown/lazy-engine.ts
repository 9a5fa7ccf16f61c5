/** A rendering engine loaded with `import()` on first need, shared by every component of the page. */
export interface LazyEngine<F> {
  /** Loads the engine (once; later calls share the promise), then notifies the listeners. */
  load(): Promise<F>
  /** The engine if it has loaded, else `null`. */
  ready(): F | null
  /** Calls `listener` when the engine finishes loading; returns a function that unsubscribes. */
  onReady(listener: () => void): () => void
}

/*
 * The open tail is re-rendered every frame, with the code blocks and formulas in it: remembering
 * recent results keeps an engine from highlighting or typesetting the same input again per frame.
 */
function cached<A extends unknown[], R>(
  render: (...args: A) => R,
  key: (...args: A) => string,
  size: number,
): (...args: A) => R {
  const results = new Map<string, R>()
  return (...args) => {
    const id = key(...args)
    if (results.has(id)) {
      const hit = results.get(id) as R
      results.delete(id)
      results.set(id, hit)
      return hit
    }
    const result = render(...args)
    results.set(id, result)
    if (results.size > size) results.delete(results.keys().next().value ?? '')
    return result
  }
}

/**
 * An engine whose render function comes from `importer` (a dynamic import, so it gets a chunk of its
 * own), wrapped with a cache of the last `size` results by `key`.
 */
export function lazyEngine<A extends unknown[], R>(
  importer: () => Promise<(...args: A) => R>,
  key: (...args: A) => string,
  size: number,
): LazyEngine<(...args: A) => R> {
  let ready: ((...args: A) => R) | null = null
  let loading: Promise<(...args: A) => R> | null = null
  const listeners = new Set<() => void>()
  return {
    load() {
      loading ??= importer().then((render) => {
        ready = cached(render, key, size)
        for (const listener of listeners) listener()
        return ready
      })
      return loading
    },
    ready: () => ready,
    onReady(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
