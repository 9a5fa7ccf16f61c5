// How soon the upstream call ends after the user is gone: the client hanging up (resume grace 0)
// or stopping the generation with `POST /api/chat/streams/:id/stop`, each at a random moment of a
// long reply; measured from the client's cut to the upstream process seeing its connection close,
// both on the system-wide monotonic clock.
import { hangUpStreams, quantile, stopStreams } from './load.mjs'
import { startRelay } from './targets.mjs'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
// Long enough for every cancelled upstream connection of a round to have closed.
const SETTLE_MS = 300

/** Per path: cut → upstream closed, in ms, and the cuts the upstream never saw as a hang-up. */
function cancelTally(names) {
  const tally = Object.fromEntries(names.map((name) => [name, { delays: [], notCancelled: 0 }]))
  let loop = { p99: 0, max: 0 }
  return {
    tally,
    get loop() {
      return loop
    },
    /** Adds a round of `name`'s cuts (tag → time) against the upstream's closes since the last. */
    async round(name, cutAt, upstream, relay) {
      await sleep(SETTLE_MS)
      const { closes } = await upstream.ask('closes')
      if (relay !== undefined) {
        const usage = await relay.ask('usage')
        loop = { p99: Math.max(loop.p99, usage.loop.p99), max: Math.max(loop.max, usage.loop.max) }
      }
      for (const [tag, at] of Object.entries(cutAt)) {
        const closed = closes[tag]
        if (closed === undefined || !closed.hungUp) tally[name].notCancelled += 1
        else tally[name].delays.push(closed.at - at)
      }
    },
  }
}

/** A first, unmeasured round: the first cuts of a fresh process run cold code (JIT, undici's abort). */
async function warmUp(cut, upstream, relay) {
  await cut()
  await sleep(SETTLE_MS)
  await upstream.ask('closes')
  await relay.ask('usage')
}

/** Hang-ups of `m` streams at a time, direct and through a relay with resume grace 0, twice each. */
export async function measureHangUps(agent, direct, upstream, m) {
  const { relay, target: viaRelay } = await startRelay(upstream)
  try {
    await warmUp(() => hangUpStreams(agent, viaRelay, m, 'warm-up'), upstream, relay)
    const tally = cancelTally(['direct', 'relay'])
    for (let r = 0; r < 2; r++) {
      const cut = await hangUpStreams(agent, direct, m, `direct${r}`)
      await tally.round('direct', cut, upstream)
      const relayed = await hangUpStreams(agent, viaRelay, m, `relay${r}`)
      await tally.round('relay', relayed, upstream, relay)
    }
    return { ...tally.tally, loop: tally.loop }
  } finally {
    await relay.stop()
  }
}

/**
 * Stops of `m` streams at a time through a relay with its default resume grace (10 s, so a
 * hang-up alone cancels nothing here): clients that keep reading after the stop, and clients that
 * hang up right after sending it (the kit), twice each, alternately.
 */
export async function measureStops(agent, upstream, m) {
  const { relay, target } = await startRelay(upstream, { RESUME_GRACE_MS: '10000' })
  let refused = 0
  const stop = async (tag, abort) => {
    const result = await stopStreams(agent, target, m, tag, { abort })
    refused += result.refused
    return result.stoppedAt
  }
  try {
    await warmUp(() => stop('stop-warm-up', true), upstream, relay)
    const tally = cancelTally(['read', 'abort'])
    for (let r = 0; r < 2; r++) {
      for (const mode of r === 0 ? ['read', 'abort'] : ['abort', 'read']) {
        await tally.round(mode, await stop(`stop-${mode}${r}`, mode === 'abort'), upstream, relay)
      }
    }
    return { ...tally.tally, loop: tally.loop, refused }
  } finally {
    await relay.stop()
  }
}

const pct = (values, q) => `${quantile(values, q).toFixed(1)} ms`
const row = (label, { delays, notCancelled }) =>
  `| ${label} | ${pct(delays, 0.5)} | ${pct(delays, 0.99)} | ${Math.max(...delays).toFixed(1)} ms | ${notCancelled ?? '—'} |`

/** The worst p99 over the stop runs, in ms, and their total of uncancelled streams. */
export function stopP99({ read, abort }) {
  return {
    p99: Math.max(quantile(read.delays, 0.99), quantile(abort.delays, 0.99)),
    notCancelled: read.notCancelled + abort.notCancelled,
  }
}

/** The section's part on cancels: both tables and the relay's event-loop delay during them. */
export function cancelSection(hangUps, stops, { m, tokens }) {
  const direct = { delays: hangUps.direct.delays }
  return `**Hang-up and stop → upstream cancel.** ${m} streams at a time, each cut at a random moment
0.2–1.2 s into a ${tokens}-chunk reply; measured from the client's cut to the upstream process
seeing its connection close (both read the system-wide monotonic clock). A hang-up is the client
destroying its socket (${2 * m} per path; the relay runs with resume grace 0, so it cancels at once); a
stop is \`POST /api/chat/streams/:id/stop\` with the reply's \`X-Stream-Id\` (${2 * m} per way; the relay
runs with its default 10 s grace, so only the stop can cancel in time), after which the client either
reads on to the end the relay gives the stream or hangs up at once, as the kit does.

| Cut | p50 | p99 | max | Upstream not cancelled |
| --- | ---: | ---: | ---: | ---: |
${row('hang-up, direct (client ↔ upstream: the floor)', direct)}
${row('hang-up, through the relay', hangUps.relay)}
${row('stop, client reads on', stops.read)}
${row('stop, client hangs up right after (the kit)', stops.abort)}

The relay notices a hang-up or a stop when its event loop gets to it: during these rounds its loop
delay was p99 ${hangUps.loop.p99.toFixed(1)} ms, max ${hangUps.loop.max.toFixed(0)} ms (hang-ups) and p99 ${stops.loop.p99.toFixed(1)} ms, max ${stops.loop.max.toFixed(0)} ms (stops)
(\`monitorEventLoopDelay\`; the max is typically the burst of ${m} requests arriving at once).${
    stops.refused > 0 ? ` ${stops.refused} stops were not answered 202.` : ''
  }`
}
