// What the relay benchmark's client streams against: the upstream process directly, or a relay
// process (pinned to CPU 1) in front of it; and how a round's settled streams are tallied.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startChild } from './processes.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const question = 'Explain server-sent events in a few paragraphs.'

/**
 * A load target. Each request is tagged with the user message's `name`, which the relay forwards
 * (it drops `user`), so the upstream process can say when that request's connection closed.
 */
export function target(port, path, extraBody, headers = {}) {
  return {
    port,
    path,
    headers,
    body: ({ tokens, tag }) => ({
      model: 'gpt-bench',
      messages: [{ role: 'user', name: tag, content: question }],
      max_tokens: tokens,
      ...extraBody,
    }),
  }
}

/** The upstream's own endpoint, with the key an OpenAI-compatible upstream asks for. */
export function directTarget(upstream) {
  const streamed = { stream: true, stream_options: { include_usage: true } }
  return target(upstream.port, '/v1/chat/completions', streamed, {
    authorization: 'Bearer sk-bench',
  })
}

/** A relay process on CPU 1 in front of `upstream`; `env` configures it (see relay-process.mjs). */
export async function startRelay(upstream, env = {}) {
  const relay = await startChild(join(here, 'relay-process.mjs'), {
    cpu: 1,
    env: { UPSTREAM_URL: `http://127.0.0.1:${upstream.port}/v1`, ...env },
    execArgv: ['--expose-gc'],
  })
  return { relay, target: target(relay.port, '/api/chat', {}) }
}

/** The user + system CPU time a relay process has used, in ms. */
export async function relayCpuMs(relay) {
  const { cpu } = await relay.ask('usage')
  return (cpu.user + cpu.system) / 1000
}

/** Stream times and times to first bytes of a round's streams; failures are counted and logged. */
export async function settle(label, promise) {
  const results = await promise
  const failed = results.filter((result) => result.status === 'rejected')
  if (failed.length > 0) console.error(`  ${label}: ${failed.length} failed (${failed[0].reason})`)
  const done = results.filter((r) => r.status === 'fulfilled').map((r) => r.value)
  return {
    times: done.map((timing) => timing.total),
    firsts: done.map((timing) => timing.first),
    failed: failed.length,
  }
}
