// <StreamingMarkdown> against the two Vue streaming-markdown renderers people compare it with,
// markstream-vue and vue-stream-markdown (devDependencies of the workspace root, for this bench
// only), in the same Chromium page: main-thread busy time per token at 5 and 100 KB, and over a
// whole reply streamed at 200 tokens/s, with its long tasks.
//
// The peers do part of their work later (coalesced parses, render batches, idle callbacks), which
// a span around the token's own flush and frame would miss. So every figure here is the renderer
// main thread's busy time (`TaskDuration` of the DevTools Protocol's `Performance.getMetrics`:
// script, style, layout, paint, GC) from before the first token until the page has been idle
// again, less the same run on a variant that renders nothing (the page's own cost per frame).
import { prefixOf, replySections, tokenize } from '../shared/llm-reply.mjs'

export const PEERS = ['streaming', 'markstream', 'vue-stream-markdown']
const NAMES = {
  streaming: '`<StreamingMarkdown>`',
  markstream: 'markstream-vue 2.0.13',
  'vue-stream-markdown': 'vue-stream-markdown 1.0.4',
}
const TOKEN_CHARS = 4
const RATE = 200

/** Main-thread busy ms while `run` goes (see the top of this file). */
async function busyDuring(cdp, run) {
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((metric) => metric.name === 'TaskDuration').value * 1000
  }
  const before = await read()
  const outcome = await run()
  return { busyMs: (await read()) - before, outcome }
}

/**
 * Runs the comparison on the bench page (`page`, with its DevTools session `cdp`) and returns the
 * markdown section. `quick`: a smoke run, which shows the bench works, not what anything costs;
 * `median`: the bench's own.
 */
export async function comparePeers(page, cdp, { quick, median }) {
  const sizes = [5_000, 100_000]
  const rounds = quick ? 1 : 5
  const tokensPerRound = quick ? 10 : 40
  const wholeSize = quick ? 8_000 : 100_000
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' })
  const reply = replySections(sizes.at(-1), 7)
  const probe = tokenize(replySections(40_000, 11).join(''), TOKEN_CHARS)

  const variants = [...PEERS, 'none']
  /** Busy ms per token, per size and variant, one value per round. */
  const perToken = sizes.map(() => Object.fromEntries(variants.map((variant) => [variant, []])))
  for (let round = 0; round < rounds; round++) {
    const start = round * 97
    const tokens = probe.slice(start, start + tokensPerRound)
    const leadIn = probe.slice(0, start).join('')
    for (const [index, size] of sizes.entries()) {
      const source = prefixOf(reply, size) + leadIn
      // Rotated per round and size, so no variant always runs first.
      const shift = (round + index) % variants.length
      for (const variant of [...variants.slice(shift), ...variants.slice(0, shift)]) {
        await page.evaluate(
          async ([variant, source]) => {
            globalThis.gc?.()
            await window.bench.mount(variant, source)
            await window.bench.settle()
          },
          [variant, source],
        )
        const { busyMs } = await busyDuring(cdp, () =>
          page.evaluate((tokens) => window.bench.streamPerFrame(tokens), tokens),
        )
        await page.evaluate(() => window.bench.unmount())
        perToken[index][variant].push(busyMs / tokens.length)
      }
      console.log(`vue-render peers: round ${round + 1}/${rounds}, ${size / 1000} KB done`)
    }
  }

  const wholeTokens = tokenize(replySections(wholeSize, 23).join(''), TOKEN_CHARS)
  const whole = {}
  for (const variant of variants) {
    await page.evaluate(async (variant) => {
      globalThis.gc?.()
      await window.bench.mount(variant, '')
      await window.bench.settle()
    }, variant)
    const { busyMs, outcome } = await busyDuring(cdp, () =>
      page.evaluate(
        ([tokens, rate]) => window.bench.streamAtRate(tokens, rate),
        [wholeTokens, RATE],
      ),
    )
    await page.evaluate(() => window.bench.unmount())
    whole[variant] = { busyMs, ...outcome }
    console.log(`vue-render peers: whole reply, ${variant} done`)
  }
  await cdp.send('Performance.disable')
  return report({ sizes, rounds, tokensPerRound, wholeTokens, perToken, whole, quick, median })
}

const ms = (value) => (value >= 10 ? value.toFixed(1) : value.toFixed(2))

function report({ sizes, rounds, tokensPerRound, wholeTokens, perToken, whole, quick, median }) {
  const net = (index, variant) => median(perToken[index][variant]) - median(perToken[index].none)
  const cell = (value, ours) =>
    value === ours ? `**${ms(value)}**` : `${ms(value)} (${(value / ours).toFixed(1)}×)`
  const perTokenRows = sizes.map((size, index) => {
    const ours = net(index, 'streaming')
    return `| ms of main thread per token at ${size / 1000} KB | ${PEERS.map((variant) => cell(net(index, variant), ours)).join(' | ')} |`
  })
  const wholeNet = (variant) => whole[variant].busyMs - whole.none.busyMs
  const ours = wholeNet('streaming')
  const wholeKb = (wholeTokens.join('').length / 1000).toFixed(0)
  const row = (label, value) => `| ${label} | ${PEERS.map(value).join(' | ')} |`
  const shows = (key) => (variant) => String(whole[variant].shows[key])
  return [
    '### Against markstream-vue and vue-stream-markdown',
    '',
    quick
      ? '**Smoke run (`BENCH_QUICK=1`): one round of 10 tokens and an 8 KB reply; it shows that the bench works, not what anything costs.**\n'
      : '',
    'The same page and Chromium run as above, with two other Vue renderers made for streamed',
    'markdown: markstream-vue 2.0.13 (`mode="chat"`, `:fade="false"`, `:typewriter="false"`,',
    '`:smooth-streaming="false"`, `final` at the end) and vue-stream-markdown 1.0.4',
    '(`mode="streaming"`, then `"static"`; `:enable-animate="false"`): animations off, chat',
    'settings otherwise. They defer part of their work (coalesced parses, render batches, idle',
    'callbacks), so a token’s cost here is the renderer main thread’s **busy time**',
    '(`TaskDuration` of the DevTools Protocol’s `Performance.getMetrics`: script, style, layout,',
    'paint, GC) from before the first token until the page has been idle again, less the same run',
    'on a variant that renders nothing (the page’s own cost per frame). Per token: one token per',
    `frame, ${tokensPerRound} tokens after a reply of the size shown, ${rounds} round(s) from different`,
    'spots of the probe text, variants in rotating order; the median. Whole reply: a',
    `${wholeKb} KB reply streamed from empty at ${RATE} tokens/s (~${TOKEN_CHARS} characters each,`,
    'appended as a timer would hand them over), then marked done, once per variant.',
    '',
    `| | ${PEERS.map((variant) => NAMES[variant]).join(' | ')} |`,
    `|---|${PEERS.map(() => '---:').join('|')}|`,
    ...perTokenRows,
    row(`main thread over the whole ${wholeKb} KB reply, s`, (variant) =>
      wholeNet(variant) === ours
        ? `**${(ours / 1000).toFixed(2)}**`
        : `${(wholeNet(variant) / 1000).toFixed(2)} (${(wholeNet(variant) / ours).toFixed(1)}×)`,
    ),
    row('long tasks (> 50 ms) in it', (variant) => String(whole[variant].longTasks.count)),
    row('longest task, ms', (variant) => ms(whole[variant].longTasks.longestMs)),
    row('elements at the end', shows('elements')),
    row('text characters shown', shows('textLength')),
    row('code blocks / highlighted spans in them', (variant) => {
      const { codeBlocks, highlightedTokens } = whole[variant].shows
      return `${codeBlocks} / ${highlightedTokens}`
    }),
    row('tables / headings / links', (variant) => {
      const { tables, headings, links } = whole[variant].shows
      return `${tables} / ${headings} / ${links}`
    }),
    row('buttons', shows('buttons')),
    '',
    'What each renders differently (the last rows count it on the finished reply): ours',
    'highlights code with highlight.js and gives each block a language label and a Copy button.',
    'markstream-vue shows code as a plain `<pre>` (its highlighted code blocks need the optional',
    '`stream-diffs` peer, not installed here) and vue-stream-markdown shows it without colours',
    '(its highlighter, `shiki`, is an optional peer, not installed here), so both peers do less',
    'work on code than ours; both add toolbar buttons of their own (the buttons row).',
    'vue-stream-markdown renders links without an `<a href>` until it has checked them, so the',
    'links row differs. Math and diagrams do not occur in the reply.',
  ].join('\n')
}
