// Vue rendering: per-token update cost of <StreamingMarkdown> in Chromium at 5 / 25 / 100 KB of
// reply, against a component that re-renders the whole reply with markdown-it and v-html per token.
// Then the same against markstream-vue and vue-stream-markdown (vue-render/peers.mjs).
// Usage: pnpm bench vue-render (needs packages/vue built: the page bundles dist/).
// BENCH_QUICK=1 runs a smoke-sized version that only shows it works.
import { prefixOf, replySections, tokenize } from './shared/llm-reply.mjs'
import { comparePeers } from './vue-render/peers.mjs'
import { openBenchPage } from './vue-render/session.mjs'

const QUICK = process.env.BENCH_QUICK === '1'
const SIZES = [5_000, 25_000, 100_000]
const TOKEN_CHARS = 4
/** Rounds per size; each mounts both variants afresh at a different spot of the probe text. */
const ROUNDS = QUICK ? 1 : 8
const WARM_TOKENS = 5
const TIMED_TOKENS = 25
const TARGET_RATIO = 1.5
const VARIANTS = ['streaming', 'naive']
/** Reply sections the timed tokens come from: the same text after every size's prefix. */
const PROBE_SEED = 11
const PREFIX_SEED = 7

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length / 2
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * What each round streams: a stretch of probe text starting at a different fraction of a
 * different probe section (heading, paragraph, list, fence or table, whatever lies there), and
 * the probe text before it, which goes into the source at mount.
 */
function probeRounds(corpus = {}) {
  const sections = replySections(40_000, PROBE_SEED, corpus)
  return Array.from({ length: ROUNDS }, (_, round) => {
    const tokens = tokenize(sections[round] + sections[round + 1], TOKEN_CHARS)
    const own = tokenize(sections[round], TOKEN_CHARS).length
    const start = Math.floor((own * (round + 0.5)) / ROUNDS)
    return {
      leadIn: tokens.slice(0, start).join(''),
      tokens: tokens.slice(start, start + WARM_TOKENS + TIMED_TOKENS),
    }
  })
}

/** The smallest and the largest size, for the math-heavy pass. */
const MATH_SIZES = [SIZES[0], SIZES.at(-1)]

/**
 * Issue 15's budget: the same per-token cost of `<StreamingMarkdown>` on a math-heavy reply (a
 * display formula and inline math in every section, KaTeX loaded before timing), at the smallest
 * and the largest size. Returns each size's token costs.
 */
async function mathHeavy(run, meanLeadIn) {
  const rounds = probeRounds({ math: true })
  const reply = replySections(SIZES.at(-1), PREFIX_SEED, { math: true })
  const prefixes = MATH_SIZES.map((size) => prefixOf(reply, size - meanLeadIn))
  // Twice: the first render asks for KaTeX, the second runs with it loaded.
  for (let warm = 0; warm < 2; warm++) {
    await run('streaming', prefixes[0] + rounds[0].leadIn, rounds[0].tokens)
  }
  const totals = MATH_SIZES.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, prefix] of prefixes.entries()) {
      const { leadIn, tokens } = rounds[round]
      const outcome = await run('streaming', prefix + leadIn, tokens)
      for (const sample of outcome.samples) {
        totals[index].push(sample.flush + sample.render + sample.layout)
      }
    }
    console.log(`vue-render: math-heavy round ${round + 1}/${ROUNDS} done`)
  }
  return totals
}

const ms = (value) => (value >= 10 ? value.toFixed(1) : value.toFixed(2))
const percent = (share) => `${(share * 100).toFixed(1)} %`

export default async function () {
  const rounds = probeRounds()
  const meanLeadIn = rounds.reduce((sum, round) => sum + round.leadIn.length, 0) / ROUNDS
  const replyText = replySections(SIZES.at(-1), PREFIX_SEED)
  // Prefixes end on a section boundary, shortened by the mean lead-in so the timed tokens sit
  // around the nominal size.
  const prefixes = SIZES.map((size) => prefixOf(replyText, size - meanLeadIn))
  const results = SIZES.map(() => ({
    streaming: { flush: [], render: [], layout: [], total: [], replaced: 0, elements: 0 },
    naive: { flush: [], render: [], layout: [], total: [], replaced: 0, elements: 0 },
    source: [],
  }))
  const { run: runInPage, page, context, close } = await openBenchPage()
  const run = (variant, source, tokens) => runInPage(variant, source, tokens, WARM_TOKENS)
  let peers
  let mathTotals
  try {
    // Warm-up: JIT for both variants' paths (parse, render, DOM, highlighting) before any timing.
    for (const variant of VARIANTS) {
      await run(variant, prefixes[1] + rounds[0].leadIn, rounds[0].tokens)
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, size] of SIZES.entries()) {
        const { leadIn, tokens } = rounds[round]
        // Alternated per round and size, so neither variant always runs first.
        const order = (round + index) % 2 ? [...VARIANTS].reverse() : VARIANTS
        for (const variant of order) {
          const outcome = await run(variant, prefixes[index] + leadIn, tokens)
          const into = results[index][variant]
          for (const sample of outcome.samples) {
            into.flush.push(sample.flush)
            into.render.push(sample.render)
            into.layout.push(sample.layout)
            into.total.push(sample.flush + sample.render + sample.layout)
          }
          into.replaced += outcome.replaced
          into.elements += outcome.elements
          if (variant === 'naive') results[index].source.push(outcome.sourceLength)
        }
        console.log(`vue-render: round ${round + 1}/${ROUNDS}, ${size / 1000} KB done`)
      }
    }
    mathTotals = await mathHeavy(run, meanLeadIn)
    peers = await comparePeers(page, await context.newCDPSession(page), { quick: QUICK, median })
  } finally {
    await close()
  }

  const rows = results.map((result, index) => {
    const [streaming, naive] = VARIANTS.map((variant) => ({
      total: median(result[variant].total),
      flush: median(result[variant].flush),
      render: median(result[variant].render),
      layout: median(result[variant].layout),
      kept: 1 - result[variant].replaced / result[variant].elements,
    }))
    return { size: SIZES[index], source: median(result.source), streaming, naive }
  })
  const first = rows[0]
  const last = rows.at(-1)
  const streamingRatio = last.streaming.total / first.streaming.total
  const naiveRatio = last.naive.total / first.naive.total
  const verdict = streamingRatio <= TARGET_RATIO ? 'met' : 'not met'
  const mathRatio = median(mathTotals[1]) / median(mathTotals[0])
  const timed = ROUNDS * TIMED_TOKENS
  const line = (row) =>
    `| ${row.size / 1000} KB (${(row.source / 1000).toFixed(1)} KB) | ${ms(row.streaming.total)} | ` +
    `${ms(row.streaming.flush)} / ${ms(row.streaming.render)} / ${ms(row.streaming.layout)} | ` +
    `${ms(row.naive.total)} | **${(row.naive.total / row.streaming.total).toFixed(0)}×** | ` +
    `${percent(row.streaming.kept)} | ${percent(row.naive.kept)} |`
  const growth = (part) => last.streaming[part] - first.streaming[part]
  return [
    '## Vue rendering in Chromium',
    '',
    ...(QUICK
      ? ['**Smoke run (`BENCH_QUICK=1`): one round per size; it shows that the bench works.**', '']
      : []),
    'Per-token update cost of `<StreamingMarkdown :source :streaming="true">` (the built',
    '`packages/vue/dist` with its `style.css`) against a component doing',
    '`v-html="md.render(source)"` with the same markdown-it (`createMarkdownIt()`: linkify, code',
    'block chrome, highlight.js loaded before timing), both with Vue 3.5’s production build, bundled',
    'by Vite and served from 127.0.0.1 to headless Debian Chromium (760 px wide column). The source',
    `grows by \`+=\` in ~${TOKEN_CHARS}-character tokens of LLM-shaped markdown (headings, paragraphs`,
    'with bold/code/links/CJK, lists, loose lists with code, fences, tables, quotes; seeded). At each',
    'size the source is a prefix of one reply ending at a block boundary, then the same probe text',
    `for every size: ${ROUNDS} rounds, each streaming from a different spot of a different probe`,
    `section (${WARM_TOKENS} untimed tokens, then ${TIMED_TOKENS} timed), so sizes differ only in the`,
    'length of the reply before. Each round mounts both variants afresh, one after the other, in',
    `alternating order. Per size and variant: the median over ${timed} tokens.`,
    '',
    'A token’s cost is main-thread work only, timed with `performance.now()` in the page (cross-origin',
    'isolated, 5 µs resolution), one token per frame: **Vue flush** = setting the source through',
    '`await nextTick()` plus a forced layout (`offsetHeight`), where the v-html variant does all its',
    'work; **frame render** = from a `requestAnimationFrame` callback registered before the token to',
    'one registered after the flush (callbacks run in registration order, so this spans exactly the',
    'render `<StreamingMarkdown>` schedules for the next frame, without the idle wait for it);',
    '**layout** = the forced style and layout after that render. Paint is not included in either.',
    '',
    '| reply so far (median source) | StreamingMarkdown ms/token | Vue flush / frame render / layout ms | v-html ms/token | speed-up | elements kept, StreamingMarkdown | elements kept, v-html |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(line),
    '',
    `Cost per token, ${last.size / 1000} KB / ${first.size / 1000} KB: StreamingMarkdown ` +
      `**${streamingRatio.toFixed(2)}×** (target: within ${TARGET_RATIO}×, **${verdict}**), ` +
      `v-html ${naiveRatio.toFixed(1)}×.`,
    `Of StreamingMarkdown’s growth (${ms(last.streaming.total - first.streaming.total)} ms), ` +
      `layout accounts for ${ms(growth('layout'))} ms, the frame render for ${ms(growth('render'))} ms ` +
      `and Vue’s flush for ${ms(growth('flush'))} ms (differences of medians).`,
    '',
    `**A math-heavy reply** (the same sections with inline math and a display formula in each:`,
    'fractions, sums, matrices, cases; KaTeX loaded before timing), StreamingMarkdown only:',
    `${MATH_SIZES.map((size, index) => `${size / 1000} KB ${ms(median(mathTotals[index]))} ms/token`).join(', ')}; ` +
      `100 KB / 5 KB **${mathRatio.toFixed(2)}×** (target: within ${TARGET_RATIO}×, ` +
      `**${mathRatio <= TARGET_RATIO ? 'met' : 'not met'}**).`,
    '',
    '"Elements kept": of the block elements before a round’s timed tokens, the share',
    'that are still the same nodes after them. StreamingMarkdown changes only the open tail, in',
    'place (frozen blocks keep their nodes, so a selection or a highlighted code block in them',
    'survives; a tail element is replaced only when its tag changes); v-html replaces every node on',
    'every token.',
    '',
    peers,
  ].join('\n')
}
