import { createFrameClock } from './frame-clock.js'
import { GraphemeQueue } from './grapheme-queue.js'
import { prefersReducedMotion } from './reduced-motion.js'
import { ReleasePacer } from './release-pacer.js'
import type { Typewriter, TypewriterOptions, TypewriterState } from './types.js'

/** Default steady speed: brisk reading pace, slower than most models stream, so it rarely holds back. */
export const DEFAULT_CHARS_PER_SECOND = 60
/**
 * The default lag bound, as characters' worth of typing at the chosen pace: 3 s at 60 chars/s, 18 s
 * at 10, 0.45 s at 400. A fixed bound in milliseconds would overrule any pace slower than the
 * model's (a fast model would set the speed, whatever the reader chose); this one lets the pace
 * show and still catches up with a long reply in bounded time.
 */
export const DEFAULT_LAG_GRAPHEMES = 180

/** The lag bound used when `maxLagMs` is not given: {@link DEFAULT_LAG_GRAPHEMES} at `charsPerSecond`. */
export function defaultMaxLagMs(charsPerSecond: number): number {
  return (DEFAULT_LAG_GRAPHEMES / charsPerSecond) * 1000
}

function positiveNumber(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive finite number, got ${value}`)
  }
  return value
}

/**
 * Creates a typewriter that reveals streamed text grapheme cluster by grapheme cluster.
 *
 * It runs at `charsPerSecond` while the network keeps up and speeds up only when a backlog builds
 * so far that a grapheme would show later than `maxLagMs` after it arrived (by default the time
 * {@link DEFAULT_LAG_GRAPHEMES} take at that pace). The end of the stream does not hurry it: the rest
 * is typed at the same pace within the same bound. Progress depends on elapsed time, not on the frame
 * rate. Frames are requested only while there is something to reveal.
 *
 * @example
 * ```ts
 * const typewriter = createTypewriter({ onUpdate: (text) => (bubble.textContent = text) })
 * for await (const delta of deltas) typewriter.push(delta)
 * typewriter.finish()
 * ```
 */
export function createTypewriter(options: TypewriterOptions): Typewriter {
  const { onUpdate } = options
  const clock = options.clock ?? createFrameClock()
  const charsPerSecond = positiveNumber(
    options.charsPerSecond ?? DEFAULT_CHARS_PER_SECOND,
    'charsPerSecond',
  )
  const maxLagMs = positiveNumber(options.maxLagMs ?? defaultMaxLagMs(charsPerSecond), 'maxLagMs')
  const pacer = new ReleasePacer(charsPerSecond, maxLagMs)
  const instant = options.enabled === false || (options.reducedMotion ?? prefersReducedMotion())
  const queue = new GraphemeQueue()

  let finished = false
  let stopped = false
  let disposed = false
  let frame: unknown
  let framePending = false
  let lastFrameTime = 0
  // What onUpdate last received, to skip calls that would repeat it. Visible text is always a
  // prefix of the received text, so its length identifies it.
  let reportedLength = 0
  let reportedDone = false
  let reportedStopped = false

  const state = (): TypewriterState => ({
    done: finished && queue.pending === 0,
    stopped,
    pending: queue.pending,
  })

  const unreported = (): boolean =>
    queue.visibleLength !== reportedLength ||
    (finished && queue.pending === 0) !== reportedDone ||
    stopped !== reportedStopped

  const report = (): void => {
    if (!unreported()) return
    const current = state()
    reportedLength = queue.visibleLength
    reportedDone = current.done
    reportedStopped = current.stopped
    onUpdate(queue.visible, current)
  }

  const revealable = (): boolean => (instant ? queue.pending > 0 : queue.releasable > 0)

  const cancel = (): void => {
    if (!framePending) return
    framePending = false
    clock.cancelFrame(frame)
  }

  // Budget is settled up to `now` before the deadlines change, so that frames at any rate see the
  // same history.
  const accrue = (now: number): void => {
    pacer.accrue(queue.released, lastFrameTime, now)
    lastFrameTime = Math.max(lastFrameTime, now)
  }

  const requestFrame = (): void => {
    framePending = true
    frame = clock.requestFrame(onFrame)
  }

  const schedule = (): void => {
    if (framePending || stopped || disposed || !(revealable() || unreported())) return
    lastFrameTime = clock.now()
    requestFrame()
  }

  function onFrame(time: number): void {
    framePending = false
    if (stopped || disposed) return
    const now = Math.max(time, lastFrameTime)
    if (instant) {
      queue.releaseAll()
    } else {
      accrue(now)
      queue.release(pacer.take(queue.released, queue.releasable, now))
    }
    // The next frame is requested before onUpdate runs, so a throwing callback cannot stall the text.
    if (revealable()) requestFrame()
    report()
  }

  return {
    push(text) {
      if (text.length === 0) return
      const now = clock.now()
      if (framePending) accrue(now)
      const before = queue.completed
      queue.push(text)
      if (queue.completed > before) pacer.add(queue.completed, now)
      schedule()
    },
    finish() {
      if (finished) return
      finished = true
      const now = clock.now()
      if (framePending) accrue(now)
      const before = queue.completed
      queue.close()
      if (queue.completed > before) pacer.add(queue.completed, now)
      schedule()
    },
    stop() {
      if (stopped || disposed) return
      stopped = true
      cancel()
      report()
    },
    reveal() {
      if (disposed) return
      cancel()
      queue.releaseAll()
      pacer.reset()
      report()
    },
    reset() {
      cancel()
      queue.clear()
      pacer.reset()
      finished = false
      stopped = false
      reportedLength = 0
      reportedDone = false
      reportedStopped = false
    },
    get visible() {
      return queue.visible
    },
    get received() {
      return queue.text
    },
    get pending() {
      return queue.pending
    },
    dispose() {
      cancel()
      disposed = true
    },
  }
}
