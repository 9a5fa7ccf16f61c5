// Where <StreamingMarkdown>'s per-token time goes at 5 KB and at 100 KB of reply: a Chromium trace
// (style, layout, paint phases) and a V8 CPU profile (self time by function) of 200 tokens each.
// Usage: node bench/vue-render/profile.mjs (after `pnpm build`; not part of `pnpm bench`).
import { prefixOf, replySections, tokenize } from '../shared/llm-reply.mjs'
import { openBenchPage } from './session.mjs'

const SIZES = [5_000, 100_000]
const TOKENS = 200
const TRACE_EVENTS = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'FunctionCall']

/** Self time per function, in ms per token, largest first. */
function selfTimes(profile, tokens) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const totals = new Map()
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}:${columnNumber}`
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0))
  })
  return [...totals]
    .filter(([name]) => !name.startsWith('(idle)'))
    .map(([name, micros]) => [name, micros / 1000 / tokens])
    .sort((a, b) => b[1] - a[1])
}

const reply = replySections(SIZES.at(-1), 7)
const tokens = tokenize(replySections(8_000, 11).join(''), 4).slice(0, TOKENS + 20)
const { page, context, close } = await openBenchPage({ minify: false })
try {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 })
  for (const size of SIZES) {
    await page.evaluate(
      ([source]) => window.bench.mount('streaming', source),
      [prefixOf(reply, size)],
    )
    await page.evaluate(([warm]) => window.bench.stream(warm, warm.length), [tokens.slice(0, 20)])
    const events = []
    const collect = ({ value }) => events.push(...value)
    cdp.on('Tracing.dataCollected', collect)
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline',
      transferMode: 'ReportEvents',
    })
    await cdp.send('Profiler.start')
    await page.evaluate(([timed]) => window.bench.stream(timed, 0), [tokens.slice(20)])
    const { profile } = await cdp.send('Profiler.stop')
    await cdp.send('Tracing.end')
    await traced
    cdp.off('Tracing.dataCollected', collect)
    await page.evaluate(() => window.bench.unmount())

    console.log(`\n${size / 1000} KB, ms per token:`)
    const phases = TRACE_EVENTS.map((name) => {
      const micros = events
        .filter((event) => event.name === name && event.ph === 'X')
        .reduce((sum, event) => sum + (event.dur ?? 0), 0)
      return `${name} ${(micros / 1000 / TOKENS).toFixed(3)}`
    })
    console.log(`  trace: ${phases.join(', ')}`)
    for (const [name, perToken] of selfTimes(profile, TOKENS).slice(0, 12)) {
      console.log(`  ${perToken.toFixed(3).padStart(7)}  ${name}`)
    }
  }
} finally {
  await close()
}
