// Frame helpers for the benchmark pages that run in Chromium (bench/*/page/main.js).

/** Resolves at the next frame's `requestAnimationFrame` callbacks. */
export const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))

/** Resolves once the page has been idle for a while: work a renderer deferred has run by then. */
export async function settle() {
  for (let quiet = 0; quiet < 3;) {
    const started = performance.now()
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }))
    await frame()
    quiet = performance.now() - started < 40 ? quiet + 1 : 0
  }
}
