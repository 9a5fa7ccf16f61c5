// Where a page's main-thread time goes while a reply streams: a Chrome trace (devtools.timeline)
// summed by event self time on the renderer main thread, and a sampled JS CPU profile summed by
// function self time. The demo is rebuilt unminified first, so function names are readable.
// Usage: node bench/browser-stream/profile.mjs [demo|demo-off|demo-closed|naive] [reply chars]
//   demo-closed: typewriter on, settings and inspector panels closed.
//   LONG_TASK_MS=20 lists tasks longer than 20 ms (default 50) with what they spent their time on.
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { replyDocument, tokenize } from './reply.mjs'
import { startRig } from './rig.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const demoRoot = join(here, '..', '..', 'apps', 'demo')
const [which = 'demo', chars = '8000'] = process.argv.slice(2)
const TOP = 25
const LONG_TASK_US = Number(process.env.LONG_TASK_MS ?? 50) * 1000

async function buildReadableDemo() {
  const require = createRequire(join(demoRoot, 'package.json'))
  const { build } = await import(pathToFileURL(require.resolve('vite')).href)
  const outDir = await mkdtemp(join(tmpdir(), 'tc-demo-readable-'))
  await build({ root: demoRoot, logLevel: 'warn', build: { outDir, minify: false } })
  return outDir
}

/** Self time per event name on the busiest renderer main thread, in ms. */
function summarizeTrace(events) {
  const mains = events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain')
  const byThread = new Map()
  for (const e of events) {
    if (e.ph !== 'X' || !mains.some((m) => m.pid === e.pid && m.tid === e.tid)) continue
    const key = `${e.pid}:${e.tid}`
    if (!byThread.has(key)) byThread.set(key, [])
    byThread.get(key).push(e)
  }
  const [thread] = [...byThread.values()].sort(
    (a, b) =>
      b.filter((e) => e.name === 'RunTask').length - a.filter((e) => e.name === 'RunTask').length,
  )
  thread.sort((a, b) => a.ts - b.ts || b.dur - a.dur)
  const self = new Map()
  const stack = []
  const longTasks = []
  let busy = 0
  const close = (until) => {
    while (stack.length > 0 && stack.at(-1).end <= until) stack.pop()
  }
  for (const e of thread) {
    close(e.ts)
    const dur = e.dur ?? 0
    if (stack.length === 0 && e.name === 'RunTask') {
      busy += dur
      if (dur > LONG_TASK_US) longTasks.push({ ts: e.ts, dur, self: new Map() })
    }
    const long = longTasks.at(-1)
    if (long !== undefined && e.ts < long.ts + long.dur && e.name !== 'RunTask') {
      const name = e.args?.data?.functionName ? `${e.name} ${e.args.data.functionName}` : e.name
      long.self.set(name, (long.self.get(name) ?? 0) + dur)
    }
    const parent = stack.at(-1)
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur)
    self.set(e.name, (self.get(e.name) ?? 0) + dur)
    stack.push({ name: e.name, end: e.ts + dur })
  }
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)
  const start = thread.find((e) => e.name === 'RunTask')?.ts ?? 0
  return {
    busyMs: busy / 1000,
    rows: rows.map(([name, us]) => [name, us / 1000]),
    longTasks: longTasks.map((task) => ({
      atMs: (task.ts - start) / 1000,
      ms: task.dur / 1000,
      top: [...task.self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)} ms`),
    })),
  }
}

/** Self time per JS function (name, file, line), in ms, from a Profiler.Profile. */
function summarizeProfile(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map()
  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id).callFrame
    const file = frame.url.split('/').at(-1)
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0))
  })
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([key, us]) => [key, us / 1000])
}

const text = replyDocument(Number(chars))
const tokens = tokenize(text)
const staticDir = which === 'naive' ? undefined : await buildReadableDemo()
const rig = await startRig({ tokens, tokensPerSecond: 200 }, { staticDir })
const prepare = {
  'demo-off': (page) => page.check('Typewriter off'),
  'demo-closed': async (page) => {
    await page.clickButton('Settings')
    await page.clickButton('Inspector')
  },
}[which]
try {
  await rig.withPage(which === 'naive' ? 'naive' : 'demo', prepare, async (page) => {
    const events = []
    page.on('Tracing.dataCollected', ({ value }) => events.push(...value))
    const complete = page.once('Tracing.tracingComplete')
    await page.send('Profiler.enable')
    await page.send('Profiler.setSamplingInterval', { interval: 500 })
    await page.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
      transferMode: 'ReportEvents',
    })
    await page.send('Profiler.start')
    await page.fill('Message', 'Profile me.')
    const started = Date.now()
    await page.pressEnter()
    await page.waitFor(
      () => document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false',
      { timeoutMs: 0, intervalMs: 1000 },
    )
    const seconds = (Date.now() - started) / 1000
    const { profile } = await page.send('Profiler.stop')
    await page.send('Tracing.end')
    await complete
    const trace = summarizeTrace(events)
    console.log(`${which}: ${text.length} chars, ${tokens.length} tokens, ${seconds.toFixed(1)} s`)
    console.log(`main thread busy (top-level RunTask): ${trace.busyMs.toFixed(0)} ms`)
    console.log('\nself time by trace event (ms):')
    for (const [name, value] of trace.rows) console.log(`${value.toFixed(0).padStart(8)}  ${name}`)
    console.log(`\nlong tasks (> ${LONG_TASK_US / 1000} ms; inclusive time of the events in them):`)
    for (const task of trace.longTasks) {
      console.log(
        `  at ${(task.atMs / 1000).toFixed(1)} s: ${task.ms.toFixed(0)} ms: ${task.top.join(', ')}`,
      )
    }
    console.log('\nself time by JS function (ms, sampled):')
    for (const [name, value] of summarizeProfile(profile)) {
      console.log(`${value.toFixed(0).padStart(8)}  ${name}`)
    }
  })
} finally {
  await rig.close()
  if (staticDir) await rm(staticDir, { recursive: true, force: true })
}
