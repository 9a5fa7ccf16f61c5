/** How long to wait for a frame before rendering anyway: hidden tabs get no animation frames. */
const FALLBACK_MS = 100

/**
 * Runs `callback` once, at the next animation frame or after {@link FALLBACK_MS} if no frame comes
 * (a background tab), whichever is first. Returns a function that cancels it.
 */
export function scheduleFrame(callback: () => void): () => void {
  let pending = true
  const run = (): void => {
    if (!pending) return
    cancel()
    callback()
  }
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : null
  const timer = setTimeout(run, FALLBACK_MS)
  function cancel(): void {
    pending = false
    if (frame !== null) cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
  return cancel
}
