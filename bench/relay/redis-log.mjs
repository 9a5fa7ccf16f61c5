// The event log in Redis against the in-memory log: the same streams through a relay with
// `REDIS_URL` (a redis-server the bench starts on CPU 0, with the client and the upstream) and
// through one without, alternately (ABBA); stream times, the relay's CPU, and Redis's own CPU.
import { quantile, runStreams } from './load.mjs'
import { cpuTimeMs } from './processes.mjs'
import { startRedisServer } from './redis-server.mjs'
import { relayCpuMs, settle, startRelay } from './targets.mjs'

/**
 * `n` streams of `tokens` chunks, `repeats` times per log, each relay warmed up by one untimed
 * round first. CPU per 1,000 of the `chunksPerStream` upstream chunks a stream.
 */
export async function measureRedisLog(agent, upstream, { n, tokens, repeats, chunksPerStream }) {
  const redis = await startRedisServer({ cpu: 0 })
  const started = []
  try {
    const logs = {}
    for (const [name, env] of [
      ['memory', {}],
      ['redis', { REDIS_URL: redis.url }],
    ]) {
      const { relay, target } = await startRelay(upstream, env)
      started.push(relay)
      await settle(`warm-up ${name}`, runStreams(agent, target, n, tokens))
      logs[name] = { relay, target, times: [], cpuMs: 0, redisMs: 0, failed: 0 }
    }
    for (let r = 0; r < repeats; r++) {
      for (const name of r % 2 === 0 ? ['memory', 'redis'] : ['redis', 'memory']) {
        const log = logs[name]
        const before = { relay: await relayCpuMs(log.relay), redis: cpuTimeMs(redis.pid) }
        const result = await settle(`${name} ×${n}`, runStreams(agent, log.target, n, tokens))
        log.cpuMs += (await relayCpuMs(log.relay)) - before.relay
        log.redisMs += cpuTimeMs(redis.pid) - before.redis
        log.times.push(...result.times)
        log.failed += result.failed
      }
      console.error(`  memory/redis ×${n}: round ${r + 1}/${repeats} done`)
    }
    const perThousand = (ms, log) => (ms / (log.times.length * chunksPerStream)) * 1000
    const summary = (log) => ({
      times: log.times,
      failed: log.failed,
      cpuPerThousand: perThousand(log.cpuMs, log),
      redisPerThousand: perThousand(log.redisMs, log),
    })
    return { n, memory: summary(logs.memory), redis: summary(logs.redis) }
  } finally {
    await Promise.all(started.map((relay) => relay.stop()))
    await redis.close()
  }
}

/** The section's part on Redis: the table, and what one Redis core carries at this pace. */
export function redisSection({ n, memory, redis }, { chunksPerSecond, repeats }) {
  const ms = (values, q) => `${quantile(values, q).toFixed(0)} ms`
  const ratio = (q) => (quantile(redis.times, q) / quantile(memory.times, q)).toFixed(2)
  const cpuRatio = (redis.cpuPerThousand / memory.cpuPerThousand).toFixed(2)
  const streamsPerRedisCore = Math.round(1e6 / redis.redisPerThousand / chunksPerSecond / 10) * 10
  return `**The event log in Redis.** The same ${n} streams through a relay with \`REDIS_URL\` (every event
also written to a Redis stream, pipelined, never awaited) and through one with the in-memory log, both
relay processes on CPU 1, alternately ${repeats} times each (ABBA), each warmed up by one untimed round. The
redis-server (Debian's, \`--save '' --appendonly no\`) is started by the bench and pinned to CPU 0 with
the client and the upstream, so the relay's core stays its own and Redis's CPU (\`utime + stime\` from
\`/proc/<pid>/stat\`, over the Redis rounds) is counted apart.

| Log | p50 | p99 | Relay CPU / 1,000 chunks | Redis CPU / 1,000 chunks | Failed |
| --- | ---: | ---: | ---: | ---: | ---: |
| in memory | ${ms(memory.times, 0.5)} | ${ms(memory.times, 0.99)} | ${memory.cpuPerThousand.toFixed(1)} ms | — | ${memory.failed} |
| Redis | ${ms(redis.times, 0.5)} | ${ms(redis.times, 0.99)} | ${redis.cpuPerThousand.toFixed(1)} ms | ${redis.redisPerThousand.toFixed(1)} ms | ${redis.failed} |
| Redis / memory | ${ratio(0.5)}× | ${ratio(0.99)}× | ${cpuRatio}× | | |

At ${redis.redisPerThousand.toFixed(1)} µs of Redis CPU a chunk, one Redis core (Redis runs its commands on one
thread) takes the event logs of about ${streamsPerRedisCore} streams at ${chunksPerSecond} chunks/s.`
}
