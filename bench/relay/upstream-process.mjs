// The benchmark's paced OpenAI-compatible upstream, run as its own process (spawned with an IPC
// channel by relay.bench.mjs) so its CPU never counts as the relay's: @typewriter-chat/mock-openai
// in scripted mode. A streamed chat request gets `max_tokens` content chunks (default 100) `PACE_MS`
// apart. It reports, per request tagged with its user message's `name`, when its connection closed
// and whether the caller hung up, on the system-wide monotonic clock that the client process reads too.
// A request tagged `hold-…` gets its content chunks, then waits before its finish chunk until told
// to `release`, so the relay can be measured holding streams with whole logs.
import { createServer } from 'node:http'
import { createMockOpenAIHandler } from '@typewriter-chat/mock-openai'

const PACE_MS = Number(process.env.PACE_MS ?? 20)

// Token-sized pieces (English, CJK, emoji).
const TEXT =
  'Streaming keeps the reader engaged while the model is still thinking. Here is a **list**:\n' +
  '- first item\n- second `code` item\n流式输出让用户立刻看到答案。😊 '
const PIECES = TEXT.match(/.{1,4}/gsu)

/** Streams waiting at the hold before their finish chunk, and how to let them all go. */
const hold = { waiting: 0, release: () => {}, gate: Promise.resolve() }
function closeHold() {
  hold.gate = new Promise((resolve) => (hold.release = resolve))
}
closeHold()

const mock = createMockOpenAIHandler({
  clock: () => Number(process.hrtime.bigint()) / 1e6,
  script: ({ body }) => {
    const tokens = Number.isInteger(body?.max_tokens) ? body.max_tokens : 100
    const chunks = Array.from({ length: tokens }, (_, i) => PIECES[i % PIECES.length])
    if (!String(body?.messages?.[0]?.name).startsWith('hold-')) return { chunks, delayMs: PACE_MS }
    const beforeChunk = (index) => {
      if (index < tokens) return undefined
      hold.waiting += 1
      return hold.gate
    }
    return { chunks, delayMs: PACE_MS, beforeChunk }
  },
})

// The mock's own server would do, but the load needs a long keep-alive (the client alternates
// targets, so a target's pooled sockets idle for a round) and a deep accept backlog.
const server = createServer(mock)
server.keepAliveTimeout = 60_000
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send({ type: 'ready', port: server.address().port })
})

let seen = 0
let stillOpen = []

/** Tagged requests whose connection closed since the last call: tag → { at, hungUp }. */
function takeCloses() {
  const closes = {}
  const open = []
  for (const request of [...stillOpen, ...mock.requests.slice(seen)]) {
    const tag = request.body?.messages?.[0]?.name
    if (typeof tag !== 'string') continue
    if (request.closedAt === undefined) open.push(request)
    else closes[tag] = { at: request.closedAt, hungUp: request.abortedByClient }
  }
  seen = mock.requests.length
  stillOpen = open
  return closes
}

process.on('message', (message) => {
  if (message.type === 'closes') process.send({ type: 'closes', closes: takeCloses() })
  if (message.type === 'held') process.send({ type: 'held', waiting: hold.waiting })
  if (message.type === 'release') {
    hold.release()
    hold.waiting = 0
    closeHold()
    process.send({ type: 'release' })
  }
})
process.on('disconnect', () => process.exit(0))
