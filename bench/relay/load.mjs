// The benchmark's client side: N concurrent SSE streams over a keep-alive agent, each timed from
// sending the request to the end of the response, and streams hung up or stopped mid-way (cancel
// timing).
import { request } from 'node:http'

export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6

/** Streams one request to its end; resolves with ms to its first body bytes and to its end. */
function timedStream(agent, target, body, onFirstBytes) {
  const payload = JSON.stringify(body)
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request({
      agent,
      host: '127.0.0.1',
      port: target.port,
      path: target.path,
      method: 'POST',
      headers: {
        ...target.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
    })
    req.on('error', reject)
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        reject(new Error(`HTTP ${res.statusCode} from ${target.path}`))
        return
      }
      // Keeping only the tail is enough to check that the stream ended normally.
      let tail = ''
      let first
      res.setEncoding('utf8')
      res.on('data', (text) => {
        if (first === undefined) {
          first = performance.now() - started
          onFirstBytes?.(req, res)
        }
        tail = (tail + text).slice(-32)
      })
      res.on('end', () => {
        if (tail.endsWith('data: [DONE]\n\n'))
          resolve({ first, total: performance.now() - started })
        else reject(new Error(`stream from ${target.path} ended without [DONE]`))
      })
      res.on('error', reject)
      res.on('close', () => {
        if (!res.complete) reject(new Error(`stream from ${target.path} cut off`))
      })
    })
    req.end(payload)
  })
}

/**
 * Runs `n` streams against `target`, all at once or, with `spreadMs`, started evenly over that
 * time (each timed from its own start); resolves with their settled timings. Requests are tagged
 * `${prefix}-${i}` (the upstream holds the last chunk of `hold-` streams until told).
 */
export async function runStreams(agent, target, n, tokens, spreadMs = 0, prefix = 'load') {
  const body = (i) => target.body({ tokens, tag: `${prefix}-${i}` })
  const start = (i) =>
    spreadMs === 0
      ? timedStream(agent, target, body(i))
      : new Promise((resolve) => setTimeout(resolve, (i * spreadMs) / n)).then(() =>
          timedStream(agent, target, body(i)),
        )
  return Promise.allSettled(Array.from({ length: n }, (_, i) => start(i)))
}

/**
 * Starts `m` long streams and, at a random moment 200-1200 ms after each one's first bytes, calls
 * `cut(req, res)` and notes the monotonic time just before. Resolves with those times, by tag.
 */
async function cutStreams(agent, target, m, tag, cut) {
  const cutAt = {}
  const streams = Array.from({ length: m }, (_, i) =>
    timedStream(agent, target, target.body({ tokens: 500, tag: `${tag}-${i}` }), (req, res) => {
      setTimeout(
        () => {
          cutAt[`${tag}-${i}`] = monotonicMs()
          cut(req, res)
        },
        200 + Math.random() * 1000,
      )
    }).catch(() => {}),
  )
  await Promise.all(streams)
  return cutAt
}

/** Streams hung up mid-way: resolves with the monotonic time of each hang-up, by tag. */
export function hangUpStreams(agent, target, m, tag) {
  return cutStreams(agent, target, m, tag, (req) => req.destroy())
}

/**
 * Streams stopped mid-way with `POST {path}/streams/{X-Stream-Id}/stop`: the client then keeps
 * reading to the end the relay gives the stream, or, with `abort`, hangs up right after sending
 * the stop, as the kit does. Resolves with the monotonic time each stop was sent, by tag, and how
 * many stops were not answered 202.
 */
export async function stopStreams(agent, target, m, tag, { abort }) {
  let refused = 0
  const stops = []
  const stoppedAt = await cutStreams(agent, target, m, tag, (req, res) => {
    const stop = request({
      agent,
      host: '127.0.0.1',
      port: target.port,
      path: `${target.path}/streams/${res.headers['x-stream-id']}/stop`,
      method: 'POST',
      headers: target.headers,
    })
    stops.push(
      new Promise((resolve) => {
        stop.on('response', (answer) => {
          if (answer.statusCode !== 202) refused += 1
          answer.resume().on('end', resolve)
        })
        stop.on('error', () => resolve((refused += 1)))
      }),
    )
    stop.end()
    if (abort) req.destroy()
  })
  await Promise.all(stops)
  return { stoppedAt, refused }
}

/** The `q`-quantile (0-1) of `values`, by nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}
