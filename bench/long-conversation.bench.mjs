// Long conversations: <TypewriterChat> opening a 500-message conversation, switching to another
// one and typing in the composer, with off-screen messages skipped (`content-visibility: auto`, as
// shipped) against rendered (a style override), alternately in the same Chromium page.
// Usage: pnpm bench long-conversation (needs packages/vue built: the page bundles dist/).
// BENCH_QUICK=1 runs one round: it shows that the bench works.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../scripts/chromium.mjs'
import { quantile } from './relay/load.mjs'
import { buildPage } from './vue-render/build-page.mjs'
import { serveFiles } from './vue-render/serve.mjs'

const QUICK = process.env.BENCH_QUICK === '1'
const MESSAGES = 500
/** Rounds; each opens, types into and switches each variant once, in alternating order. */
const ROUNDS = QUICK ? 1 : 6
/** One keystroke at a time, each waiting for the frame that shows it (a person typing). */
const TYPED = 'Can you make that second table shorter and simpler?'
const VARIANTS = ['skipping', 'rendered']
const NAMES = {
  skipping: '`content-visibility: auto` (shipped)',
  rendered: 'every message rendered (override)',
}
const here = dirname(fileURLToPath(import.meta.url))
const median = (values) => quantile(values, 0.5)
const ms = (value) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)

/**
 * The renderer main thread's time while `run` goes, in ms, from the DevTools Protocol's
 * `Performance.getMetrics`: `busy`, every task (script, style, layout, paint, GC) less the
 * protocol commands the bench itself sends; `styleLayout`, style recalculation and layout, the
 * work an off-screen message skips. (Its `ScriptDuration` misses most of Vue's work, so script is
 * not shown apart.) Also what `run` resolved to.
 */
async function timed(cdp, run) {
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    const value = (name) => metrics.find((metric) => metric.name === name).value * 1000
    return {
      busy: value('TaskDuration') - value('DevToolsCommandDuration'),
      styleLayout: value('RecalcStyleDuration') + value('LayoutDuration'),
    }
  }
  const before = await read()
  const outcome = await run()
  const after = await read()
  return {
    busy: after.busy - before.busy,
    styleLayout: after.styleLayout - before.styleLayout,
    outcome,
  }
}

function emptyResult() {
  const change = () => ({
    toSecondFrame: [],
    busy: [],
    styleLayout: [],
    longest: [],
    longTasks: 0,
    rendered: [],
    elements: [],
  })
  return { open: change(), switch: change(), keys: [], busyPerKey: [], keyLongTasks: 0 }
}

function record(into, { busy, styleLayout, outcome }) {
  into.toSecondFrame.push(outcome.toSecondFrameMs)
  into.busy.push(busy)
  into.styleLayout.push(styleLayout)
  into.longest.push(outcome.longTasks.longestMs)
  into.longTasks += outcome.longTasks.count
  into.rendered.push(outcome.shows.rendered)
  into.elements.push(outcome.shows.elements)
}

export default async function () {
  const server = await serveFiles(
    await buildPage({ root: join(here, 'long-conversation', 'page') }),
  )
  // --expose-gc: garbage is collected before each variant rather than in the middle of one.
  const browser = await launchChromium({ args: ['--js-flags=--expose-gc'] })
  const results = Object.fromEntries(VARIANTS.map((variant) => [variant, emptyResult()]))
  let size
  try {
    const page = await browser.context.newPage()
    page.on('pageerror', (error) =>
      console.error(`long-conversation: page error: ${error.message}`),
    )
    await page.goto(server.url)
    await page.waitForFunction(() => 'bench' in window)
    const { isolated } = await page.evaluate(() => window.bench.ready())
    if (!isolated) throw new Error('the page is not cross-origin isolated: its timer is coarse')
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' })

    // Seeds 1 and 2 warm up (JIT of every path, both variants); each round has its own pair.
    const seeds = Array.from({ length: ROUNDS + 1 }, (_, round) => [2 * round + 1, 2 * round + 2])
    for (const seed of seeds.flat()) {
      size = await page.evaluate(
        ([count, seed]) => window.bench.prepare(count, seed),
        [MESSAGES, seed],
      )
    }
    const runVariant = async (variant, [first, second], into) => {
      await page.evaluate((on) => {
        globalThis.gc?.()
        window.bench.setSkipping(on)
      }, variant === 'skipping')
      const opened = await timed(cdp, () => page.evaluate((seed) => window.bench.open(seed), first))
      await page.evaluate(() => window.bench.focusComposer())
      const typingStarted = await page.evaluate(() => window.bench.now())
      const typing = await timed(cdp, async () => {
        const latencies = []
        for (const character of TYPED) {
          await page.evaluate(() => window.bench.arm())
          await page.keyboard.type(character)
          latencies.push(await page.evaluate(() => window.bench.keyLatency()))
        }
        await page.evaluate(() => window.bench.settle())
        return latencies
      })
      const typingLongTasks = await page.evaluate(
        (since) => window.bench.longTasksSince(since),
        typingStarted,
      )
      const switched = await timed(cdp, () =>
        page.evaluate((seed) => window.bench.switchTo(seed), second),
      )
      await page.evaluate(() => window.bench.unmount())
      if (!into) return
      record(into.open, opened)
      record(into.switch, switched)
      into.keys.push(...typing.outcome)
      into.busyPerKey.push(typing.busy / TYPED.length)
      into.keyLongTasks += typingLongTasks.count
    }

    for (const variant of VARIANTS) await runVariant(variant, seeds[0])
    for (let round = 0; round < ROUNDS; round++) {
      // Alternated per round, so neither variant always runs first.
      const order = round % 2 ? [...VARIANTS].reverse() : VARIANTS
      for (const variant of order) await runVariant(variant, seeds[round + 1], results[variant])
      console.log(`long-conversation: round ${round + 1}/${ROUNDS} done`)
    }
  } finally {
    await browser.close()
    await server.close()
  }

  const [skipping, rendered] = VARIANTS.map((variant) => results[variant])
  const row = (label, pick, format = ms, ratio = true) => {
    const [a, b] = [pick(skipping), pick(rendered)]
    const times = ratio && a > 0 ? `${(b / a).toFixed(1)}×` : '–'
    return `| ${label} | ${format(a)} | ${format(b)} | ${times} |`
  }
  const changeRows = (label, key) => [
    row(`${label}: to the end of the second frame, ms`, (r) => median(r[key].toSecondFrame)),
    row(`${label}: main-thread busy until idle, ms`, (r) => median(r[key].busy)),
    row('&nbsp;&nbsp;of which style and layout, ms', (r) => median(r[key].styleLayout)),
    row('&nbsp;&nbsp;longest task, ms', (r) => median(r[key].longest)),
    row('&nbsp;&nbsp;long tasks (all rounds)', (r) => r[key].longTasks, String, false),
  ]
  const lines = [
    ...changeRows(`Open ${MESSAGES} messages`, 'open'),
    ...changeRows(`Switch to another ${MESSAGES}`, 'switch'),
    row(
      'Messages with their contents rendered after opening',
      (r) => median(r.open.rendered),
      String,
      false,
    ),
    row('Elements in the chat after opening', (r) => median(r.open.elements), String, false),
    row('Key → end of next frame, median ms', (r) => median(r.keys)),
    row('Key → end of next frame, p95 ms', (r) => quantile(r.keys, 0.95)),
    row('Main-thread busy per keystroke, ms', (r) => median(r.busyPerKey)),
    row('Long tasks while typing (all rounds)', (r) => r.keyLongTasks, String, false),
  ]
  const keystrokes = ROUNDS * TYPED.length
  const shippedLongTasks = skipping.open.longTasks + skipping.switch.longTasks
  const longest = Math.max(...skipping.open.longest, ...skipping.switch.longest)
  const verdict =
    `As shipped, opening and switching ran ${shippedLongTasks} long task(s) in ${2 * ROUNDS} ` +
    `changes, the longest ${ms(longest)} ms: "no long tasks" (issue 17, item 6) is ` +
    `**${shippedLongTasks === 0 ? 'met' : 'not met'}**. Skipping off-screen messages cuts style ` +
    `and layout at opening ${(median(rendered.open.styleLayout) / median(skipping.open.styleLayout)).toFixed(0)}×.`
  return [
    '## Long conversations in Chromium',
    '',
    ...(QUICK
      ? ['**Smoke run (`BENCH_QUICK=1`): one round; it shows that the bench works.**', '']
      : []),
    `\`<TypewriterChat>\` (the built \`packages/vue/dist\` with its \`style.css\`, Vue 3.5’s production`,
    'build, bundled by Vite and served from 127.0.0.1 to headless Debian Chromium; 760 × 760 px in a',
    `1280 × 800 window) given a saved conversation of ${MESSAGES} finished messages through`,
    `\`v-model\`: user questions and LLM-shaped replies of one to three sections of markdown (headings,`,
    'lists, fences, tables, quotes; seeded, bench/long-conversation/conversation.mjs), ' +
      `${(size.replyChars / 1000).toFixed(0)} KB of replies per conversation, with usage figures.`,
    'highlight.js is loaded before timing, so code is highlighted as it renders. Two variants,',
    `alternately in the same page, ${ROUNDS} round${ROUNDS > 1 ? 's' : ''} each with its own two`,
    'conversations: **skipping**, the kit as shipped (`content-visibility: auto` on each message,',
    'so one off screen skips style, layout and paint), and **rendered**, the same with a style',
    'override `content-visibility: visible` (every message laid out and painted, as without it).',
    '',
    '**Open**: mounting the chat with the conversation (it scrolls to the latest message);',
    '**switch**: assigning another conversation to `v-model` on the mounted chat, as a list of',
    'conversations does. Each is timed in the page from before the change to the end of the second',
    'frame after it (a task posted from that frame’s `requestAnimationFrame` callback runs after its',
    'rendering), and by the renderer main thread’s busy time until the page is idle again',
    '(`TaskDuration` of the DevTools Protocol’s `Performance.getMetrics`, less its own commands:',
    'script, style, layout, paint, GC), of which style and layout (`RecalcStyleDuration` +',
    '`LayoutDuration`), with the longest task',
    `(Long Tasks API). **Typing**: after opening, ${TYPED.length} characters typed into the composer`,
    'one at a time (real key events through the DevTools Protocol), each from the key event’s',
    'timestamp to the end of the frame after it; ' +
      `median and p95 over ${keystrokes} keystrokes. Medians over rounds otherwise.`,
    '',
    `| ${MESSAGES}-message conversation | ${NAMES.skipping} | ${NAMES.rendered} | rendered / skipping |`,
    '|---|---:|---:|---:|',
    ...lines,
    '',
    verdict,
  ].join('\n')
}
