// A reply with 50 display formulas and 3 Mermaid diagrams streamed at 200 tokens/s through the built
// relay into the built demo in Chromium (issue 15's budget): long tasks while it streams, once with
// KaTeX and Mermaid loading on first use (cold) and once more in the same page (warm).
// Usage: pnpm bench rich-reply (builds first).
import { measureStream } from './browser-stream/measure-stream.mjs'
import { tokenize } from './browser-stream/reply.mjs'
import { VIEWPORT, startRig } from './browser-stream/rig.mjs'
import { richReply } from './rich-reply/reply.mjs'

const FORMULAS = 50
const TOKENS_PER_SECOND = 200
const MESSAGE = 'Explain the formulas and draw the diagrams.'

/** What the page shows once the reply ended, and when each engine's code arrived. */
function rendered() {
  const reply = [...document.querySelectorAll('[data-role="assistant"]')].at(-1)
  const loads = performance
    .getEntriesByType('resource')
    .filter((entry) => /katex|mermaid|diagram/i.test(entry.name) && entry.name.endsWith('.js'))
    .map((entry) => ({ name: entry.name.split('/').at(-1), endMs: Math.round(entry.responseEnd) }))
  return {
    displayFormulas: reply?.querySelectorAll('.katex-display').length ?? 0,
    formulas: reply?.querySelectorAll('.katex').length ?? 0,
    diagrams: reply?.querySelectorAll('[data-tc-diagram] svg').length ?? 0,
    loads,
  }
}

const when = (run) =>
  run.longTaskList.length === 0
    ? 'none'
    : run.longTaskList
        .map((task) => `${(task.atMs / 1000).toFixed(1)} s (${task.ms} ms)`)
        .join(', ')

export default async function richReplyBench() {
  const text = richReply(FORMULAS)
  const tokens = tokenize(text)
  const rig = await startRig({ tokens, tokensPerSecond: TOKENS_PER_SECOND })
  try {
    const runs = await rig.withPage('demo', undefined, async (page) => {
      const cold = { ...(await measureStream(page, MESSAGE)), ...(await page.evaluate(rendered)) }
      console.error(
        `cold: ${cold.longTasks} long tasks, ${cold.formulas} formulas, ${cold.diagrams} diagrams`,
      )
      const warm = { ...(await measureStream(page, MESSAGE)), ...(await page.evaluate(rendered)) }
      console.error(
        `warm: ${warm.longTasks} long tasks, ${warm.formulas} formulas, ${warm.diagrams} diagrams`,
      )
      return { cold, warm }
    })
    const { cold, warm } = runs
    const row = (label, run) =>
      `| ${label} | ${(run.streamMs / 1000).toFixed(1)} s | ${Math.round(run.busyMs).toLocaleString('en-US')} ms | ` +
      `${run.displayFormulas} / ${run.formulas} | ${run.diagrams} | **${run.longTasks}** | ` +
      `${run.longTasks > 0 ? `${Math.round(run.longestMs)} ms` : '—'} | ${when(run)} |`
    const loads = cold.loads.map(
      (load) => `\`${load.name}\` at ${(load.endMs / 1000).toFixed(1)} s`,
    )
    return `## Math and diagrams in the browser

A ${(text.length / 1000).toFixed(1)} K-character reply with ${FORMULAS} display formulas (\`$$…$$\` and \`\\[…\\]\`, on
their own, in list items and in quotes; matrices, cases, sums, integrals), inline math in the prose and
3 Mermaid diagrams (a flowchart, a sequence diagram, a class diagram), cut into ${tokens.length.toLocaleString('en-US')} tokens and
streamed at ${TOKENS_PER_SECOND} tokens/s by the mock upstream through the built relay into the built demo (typewriter on,
its default pace) in headless Debian Chromium at ${VIEWPORT.width}×${VIEWPORT.height}, driven over the DevTools protocol
as in "The demo in the browser". The same message is sent twice in one page: **cold**, KaTeX (with its
CSS and fonts) and Mermaid load when the first formula and the first closed diagram arrive; **warm**,
both are loaded. Long tasks (> 50 ms) are the page's own \`longtask\` entries during the stream.

| run | stream time | main-thread busy | display / all formulas typeset | diagrams drawn | long tasks | longest | when (from the key press) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${row('cold: engines load on first use', cold)}
${row('warm: engines loaded', warm)}

Engine code fetched in the cold run: ${loads.length > 0 ? loads.join(', ') : 'none seen'} (times since the page's start).

| Target | Measured | |
| --- | --- | --- |
| No long task while streaming, apart from the first load of each engine (warm run) | ${warm.longTasks} long tasks | ${warm.longTasks === 0 ? 'met' : '**not met**'} |
| The first load of each engine (cold run, reported) | ${cold.longTasks} long tasks, longest ${Math.round(cold.longestMs)} ms | — |`
  } finally {
    await rig.close()
  }
}
