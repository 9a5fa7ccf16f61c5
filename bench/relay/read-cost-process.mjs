// Where the relay's CPU goes: in a process on the relay's CPU, reads the same paced streams from
// the upstream three ways (node:http, fetch, the openai SDK the relay uses), writes paced event
// streams to a reader on the other CPU two ways (`res.write`, the relay's SSE writer), and times the
// relay's own per-chunk work (re-serialising a chunk, SSE-encoding it). Reports over IPC, µs per
// chunk.
import { createServer, request, Agent } from 'node:http'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { encodeSSE } from '../../packages/core/dist/index.js'
import { SSEWriter } from '../../apps/relay/dist/streaming/sse-writer.js'
import { startChild } from './processes.mjs'

const port = Number(process.env.UPSTREAM_PORT)
const n = Number(process.env.STREAMS)
const tokens = Number(process.env.TOKENS)
const chunksPerStream = tokens + 3
// The relay's own copy of the SDK, so this measures exactly what it runs.
const sdk = createRequire(new URL('../../apps/relay/package.json', import.meta.url)).resolve(
  'openai',
)
const { OpenAI } = await import(pathToFileURL(sdk).href)

const url = `http://127.0.0.1:${port}/v1/chat/completions`
const body = (max) => ({
  model: 'gpt-bench',
  messages: [{ role: 'user', content: 'Hi' }],
  stream: true,
  stream_options: { include_usage: true },
  max_tokens: max,
})
const agent = new Agent({ keepAlive: true, maxFreeSockets: 4096 })
const client = new OpenAI({
  apiKey: 'sk-bench',
  baseURL: `http://127.0.0.1:${port}/v1`,
  maxRetries: 0,
})

const readers = {
  'node:http': (max) =>
    new Promise((resolve, reject) => {
      const req = request(url, { agent, method: 'POST' }, (res) => {
        res.on('data', () => {})
        res.on('end', resolve)
        res.on('error', reject)
      })
      req.on('error', reject)
      req.setHeader('content-type', 'application/json')
      req.setHeader('authorization', 'Bearer sk-bench')
      req.end(JSON.stringify(body(max)))
    }),
  fetch: async (max) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: JSON.stringify(body(max)),
    })
    for await (const _bytes of response.body);
  },
  'openai SDK (fetch + SSE parse + JSON.parse)': async (max) => {
    for await (const _chunk of await client.chat.completions.create(body(max)));
  },
}

const cpuMs = (since) => {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1000
}

const results = []
for (const [name, read] of Object.entries(readers)) {
  await Promise.all(Array.from({ length: n }, () => read(20)))
  const before = process.cpuUsage()
  await Promise.all(Array.from({ length: n }, () => read(tokens)))
  results.push({
    name: `reading: ${name}`,
    usPerChunk: (cpuMs(before) * 1000) / (n * chunksPerStream),
  })
}

/**
 * CPU per event of writing `n` streams of `chunksPerStream` events, one event per stream every
 * 20 ms, to a reader process on CPU 0: the pacing and the writes, nothing else.
 */
async function writeCost(send) {
  const open = []
  let started
  const server = createServer((req, res) => {
    open.push(res)
    if (open.length === n) started()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const sink = await startChild(join(fileURLToPath(import.meta.url), '..', 'sink-process.mjs'), {
    cpu: 0,
    env: { PORT: String(server.address().port), STREAMS: String(n) },
  })
  const data = JSON.stringify(chunk)
  let usPerChunk = 0
  // Two rounds over the same connections: the first warms up, the second is the one reported.
  for (let round = 0; round < 2; round++) {
    const arrived = new Promise((resolve) => (started = resolve))
    const read = sink.ask('run')
    await arrived
    const before = process.cpuUsage()
    const writers = open.splice(0).map((res) => send(res))
    for (let i = 0; i < chunksPerStream; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      for (const write of writers) write(data)
    }
    for (const write of writers) write(undefined)
    await read
    usPerChunk = (cpuMs(before) * 1000) / (n * chunksPerStream)
  }
  await sink.stop()
  server.close()
  return usPerChunk
}

const heartbeat = { add() {}, delete() {} }
const writers = {
  '`res.write(encodeSSE(…))` per event': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.flushHeaders()
    let id = 0
    return (data) =>
      data === undefined ? res.end() : res.write(encodeSSE({ id: String(++id), data }))
  },
  "the relay's SSE writer (`res.write` per event, with its `id:` and back-pressure)": (res) => {
    const writer = new SSEWriter(res, heartbeat)
    writer.open()
    return (data) => (data === undefined ? writer.end() : writer.send(data))
  },
}

const chunk = {
  id: 'chatcmpl-bench',
  object: 'chat.completion.chunk',
  created: 1732460000,
  model: 'gpt-bench',
  service_tier: 'default',
  system_fingerprint: 'fp_bench',
  choices: [{ index: 0, delta: { content: 'Stre' }, logprobs: null, finish_reason: null }],
  usage: null,
}
for (const [name, send] of Object.entries(writers)) {
  results.push({ name: `writing: ${name}`, usPerChunk: await writeCost(send) })
}

const REPS = 200_000
let bytes = 0
for (let round = 0; round < 2; round++) {
  const before = process.cpuUsage()
  for (let i = 0; i < REPS; i++)
    bytes += encodeSSE({ id: String(i), data: JSON.stringify(chunk) }).length
  if (round === 1) {
    results.push({
      name: 'relay re-encode (JSON.stringify + encodeSSE)',
      usPerChunk: (cpuMs(before) * 1000) / REPS,
    })
  }
}
process.send({ type: 'results', results, bytes })
