// The benchmark's paced OpenAI-compatible upstream, run as its own process (spawned with an IPC
// channel by relay.bench.mjs) so its CPU never counts as the relay's. `POST /v1/chat/completions`
// with `stream: true` streams `max_tokens` content chunks (default 100) `PACE_MS` apart in OpenAI's
// exact wire format: role chunk, content chunks, finish chunk, usage chunk (when asked), `[DONE]`.
// It records, per request tagged with `user`, when its socket closed and whether the caller hung
// up, on the system-wide monotonic clock that the client process reads too.
import { createServer } from 'node:http'

const PACE_MS = Number(process.env.PACE_MS ?? 20)
const now = () => Number(process.hrtime.bigint()) / 1e6

// Token-sized pieces (English, CJK, emoji), serialised once: the upstream's own CPU stays small so
// that on a 2-core machine the relay is what gets measured.
const TEXT =
  'Streaming keeps the reader engaged while the model is still thinking. Here is a **list**:\n' +
  '- first item\n- second `code` item\n流式输出让用户立刻看到答案。😊 '
const PIECES = TEXT.match(/.{1,4}/gsu).map((piece) => JSON.stringify(piece))

const closes = new Map()
let sequence = 0

function chunkWriter(model, withUsage) {
  sequence += 1
  const head =
    `data: {"id":"chatcmpl-bench${process.pid}x${sequence}","object":"chat.completion.chunk",` +
    `"created":${Math.floor(Date.now() / 1000)},"model":${JSON.stringify(model)},` +
    `"service_tier":"default","system_fingerprint":"fp_bench","choices":[`
  const tail = withUsage ? '],"usage":null}\n\n' : ']}\n\n'
  return {
    delta: (delta, finish = 'null') =>
      `${head}{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}${tail}`,
    usage: (tokens) => {
      const usage = { prompt_tokens: 12, completion_tokens: tokens, total_tokens: 12 + tokens }
      return `${head}],"usage":${JSON.stringify(usage)}}\n\n`
    },
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function write(res, text) {
  if (res.destroyed) return
  if (!res.write(text)) {
    await new Promise((resolve) => {
      res.once('drain', resolve)
      res.once('close', resolve)
    })
  }
}

async function stream(res, body) {
  const tokens = Number.isInteger(body.max_tokens) ? body.max_tokens : 100
  const chunk = chunkWriter(body.model ?? 'gpt-bench', body.stream_options?.include_usage === true)
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' })
  res.flushHeaders()
  await write(res, chunk.delta('{"role":"assistant","content":"","refusal":null}'))
  for (let i = 0; i < tokens && !res.destroyed; i++) {
    await sleep(PACE_MS)
    await write(res, chunk.delta(`{"content":${PIECES[i % PIECES.length]}}`))
  }
  await write(res, chunk.delta('{}', '"stop"'))
  if (body.stream_options?.include_usage === true) {
    await write(res, chunk.usage(tokens) + 'data: [DONE]\n\n')
  } else {
    await write(res, 'data: [DONE]\n\n')
  }
  res.end()
}

const server = createServer(async (req, res) => {
  const parts = []
  for await (const part of req) parts.push(part)
  let body
  try {
    body = JSON.parse(Buffer.concat(parts).toString('utf8'))
  } catch {
    res.writeHead(400).end()
    return
  }
  if (typeof body.user === 'string') {
    const tag = body.user
    res.once('close', () => closes.set(tag, { at: now(), hungUp: !res.writableFinished }))
  }
  await stream(res, body)
})
// Long keep-alive: the client alternates targets, so a target's pooled sockets idle for a round.
server.keepAliveTimeout = 60_000
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send({ type: 'ready', port: server.address().port })
})

process.on('message', (message) => {
  if (message.type === 'closes') {
    process.send({ type: 'closes', closes: Object.fromEntries(closes) })
    closes.clear()
  }
})
process.on('disconnect', () => process.exit(0))
