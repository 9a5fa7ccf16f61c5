// Sends one message on a page (typed into the `Message` textbox, then Enter) and measures the
// renderer's main thread from just before the key press until the reply has finished streaming
// (the transcript's `aria-busy` back to "false", plus two frames for the last render to land).
//
// Busy time comes from the Chrome DevTools Protocol's `Performance.getMetrics`: `TaskDuration` is
// the wall time the renderer main thread spent running tasks (script, style, layout, paint, GC,
// parsing; everything but waiting), `RecalcStyleDuration` and `LayoutDuration` its style and layout
// part, so the difference of two readings is the busy time in between. (`ScriptDuration` is not
// used: it misses script run from promise reactions, such as code after `await reader.read()`.)
// Long tasks (> 50 ms) come from the page's own `PerformanceObserver` for `longtask`.

/** Installed in the page before the key press; `window.__stream.done` resolves at the end. */
function installProbe() {
  const longTasks = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.push({ start: entry.startTime, duration: entry.duration })
    }
  }).observe({ type: 'longtask', buffered: true })
  const log = document.querySelector('[role="log"]')
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
  const state = { started: 0 }
  const done = new Promise((resolve) => {
    let busy = false
    // A MutationObserver rather than polling, so waiting adds no work of its own.
    new MutationObserver(async () => {
      const now = log.getAttribute('aria-busy') === 'true'
      if (busy && !now) {
        const ended = performance.now()
        await frame()
        await frame()
        const reply = [...document.querySelectorAll('[data-role="assistant"]')].at(-1)
        const tasks = longTasks.filter((task) => task.start >= state.started)
        const body = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/api/chat'))
          .at(-1)
        resolve({
          streamMs: ended - state.started,
          longTasks: tasks.length,
          longestMs: Math.max(0, ...tasks.map((task) => task.duration)),
          longTaskMs: tasks.reduce((sum, task) => sum + task.duration, 0),
          longTaskList: tasks.map((task) => ({
            atMs: Math.round(task.start - state.started),
            ms: Math.round(task.duration),
          })),
          replyChars: reply?.textContent?.length ?? 0,
          elements: reply?.querySelectorAll('*').length ?? 0,
          renders: window.naiveRenders,
          error: window.naiveError,
          bodyBytes: body?.encodedBodySize ?? 0,
        })
      }
      busy = now
    }).observe(log, { attributes: true, attributeFilter: ['aria-busy'] })
  })
  window.__stream = { state, done }
}

function readMetrics({ metrics }) {
  const value = (name) => metrics.find((metric) => metric.name === name)?.value ?? 0
  return {
    at: value('Timestamp'),
    task: value('TaskDuration'),
    style: value('RecalcStyleDuration'),
    layout: value('LayoutDuration'),
  }
}

/**
 * Streams one reply on `page` and resolves to its measurements (times in ms): `streamMs` key press
 * → end of the stream, `windowMs` the metrics window, `busyMs` main-thread busy time in it (and its
 * `styleMs` and `layoutMs` parts), long task count, longest and total.
 */
export async function measureStream(page, message) {
  await page.send('Performance.enable', { timeDomain: 'timeTicks' })
  await page.evaluate(installProbe)
  await page.fill('Message', message)
  const before = readMetrics(await page.send('Performance.getMetrics'))
  await page.evaluate(() => {
    window.__stream.state.started = performance.now()
  })
  await page.pressEnter()
  const outcome = await page.evaluate(() => window.__stream.done)
  if (outcome.error !== undefined) throw new Error(`the page's stream failed: ${outcome.error}`)
  const after = readMetrics(await page.send('Performance.getMetrics'))
  await page.send('Performance.disable')
  const ms = (part) => (after[part] - before[part]) * 1000
  return {
    ...outcome,
    windowMs: ms('at'),
    busyMs: ms('task'),
    styleMs: ms('style'),
    layoutMs: ms('layout'),
  }
}
