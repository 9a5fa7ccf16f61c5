// The relay under test, in its own process (spawned with an IPC channel by relay.bench.mjs) so its
// memory and CPU are measured apart from the client and the upstream. The built relay with
// production defaults, except rate limiting and continuation (off, so each request is exactly one
// upstream call), the resume grace (0, so a hang-up cancels at once, which the bench measures;
// `RESUME_GRACE_MS` sets another, e.g. the default for the stop runs, where a hang-up must not
// cancel) and how long a finished reply's event log is kept (1 s instead of 5 minutes, so that the
// logs of one round are gone before the next and round-over-round growth shows leaks, not
// retention). With `REDIS_URL`, the events also go to that Redis, and the relay reports ready once
// it is connected. Its one log line per request goes to stdout, which the parent discards.
import { createServer } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { getHeapSpaceStatistics } from 'node:v8'
import { createRelay, relayLifecycle } from '../../apps/relay/dist/create-relay.js'

const { REDIS_URL, RESUME_GRACE_MS, UPSTREAM_URL } = process.env
const app = createRelay({
  upstream: { apiKey: 'sk-bench', baseURL: UPSTREAM_URL },
  defaultModel: 'gpt-bench',
  rateLimitPerMinute: 0,
  continuation: { enabled: false },
  streams: { resumeGraceMs: Number(RESUME_GRACE_MS ?? 0), ttlMs: 1000 },
  ...(REDIS_URL !== undefined && { redis: { url: REDIS_URL } }),
})
await relayLifecycle(app).ready
const server = createServer(app)
// Long keep-alive: the client alternates targets, so the relay's pooled sockets idle for a round.
server.keepAliveTimeout = 60_000
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send({ type: 'ready', port: server.address().port })
})

// Event-loop delay since the last report: what holds up the relay's reaction to a hang-up.
const loopDelay = monitorEventLoopDelay({ resolution: 1 })
loopDelay.enable()

process.on('message', (message) => {
  if (message.type === 'gc') globalThis.gc?.()
  if (message.type === 'gc' || message.type === 'usage') {
    const loop = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }
    loopDelay.reset()
    // V8's young generation: its resident size is a cost of the process, whatever N is.
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
    const youngBytes = young?.physical_space_size ?? 0
    process.send({
      type: 'usage',
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      youngBytes,
      loop,
    })
  }
})
process.on('disconnect', () => process.exit(0))
