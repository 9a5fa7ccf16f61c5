// A paced OpenAI-compatible upstream for the browser-stream benchmark: `POST /v1/chat/completions`
// streams the given tokens one `chat.completion.chunk` each, in OpenAI's exact wire format, at a
// fixed rate; `GET /v1/models` lists one model (the demo asks for the list on load).
import { once } from 'node:events'
import { createServer } from 'node:http'

const MODEL = 'gpt-bench'

async function readJson(request) {
  let body = ''
  for await (const part of request) body += part
  return body === '' ? {} : JSON.parse(body)
}

function chunkWriter(model, withUsage) {
  const base = {
    id: `chatcmpl-bench${Math.random().toString(36).slice(2, 12)}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_bench',
  }
  return (choices, usage) =>
    `data: ${JSON.stringify({ ...base, choices, ...(withUsage && { usage: usage ?? null }) })}\n\n`
}

const choice = (delta, finish = null) => ({
  index: 0,
  delta,
  logprobs: null,
  finish_reason: finish,
})

/**
 * Writes the tokens at `tokensPerSecond`. Each token has its due time from the start of the
 * stream, so a timer that fires late is caught up at once (every token due by then is written)
 * instead of the delay adding up over 25,000 tokens: the stream takes tokens / rate, not more.
 */
async function streamTokens(response, tokens, tokensPerSecond, chunk) {
  const interval = 1000 / tokensPerSecond
  const started = performance.now()
  let next = 0
  while (next < tokens.length && !response.destroyed) {
    const due = Math.floor((performance.now() - started) / interval) + 1
    while (next < Math.min(due, tokens.length)) {
      if (!response.write(chunk([choice({ content: tokens[next] })]))) {
        await Promise.race([once(response, 'drain'), once(response, 'close')])
      }
      next += 1
    }
    const wait = started + next * interval - performance.now()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)))
  }
  return performance.now() - started
}

/**
 * Starts the upstream on 127.0.0.1 at an ephemeral port. Every chat request gets the same reply.
 * `streams` records each stream's pacing (ms from first to last token), to check it kept the rate.
 *
 * @param {{ tokens: string[], tokensPerSecond: number }} options
 */
export async function startFakeUpstream({ tokens, tokensPerSecond }) {
  const streams = []
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (request.method === 'GET' && path === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'bench' }],
        }),
      )
      return
    }
    if (request.method !== 'POST' || path !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }),
      )
      return
    }
    const body = await readJson(request)
    const withUsage = body.stream_options?.include_usage === true
    const chunk = chunkWriter(typeof body.model === 'string' ? body.model : MODEL, withUsage)
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    })
    response.flushHeaders()
    response.write(chunk([choice({ role: 'assistant', content: '', refusal: null })]))
    const ms = await streamTokens(response, tokens, tokensPerSecond, chunk)
    if (response.destroyed) return
    streams.push({ tokens: tokens.length, ms })
    response.write(chunk([choice({}, 'stop')]))
    if (withUsage) {
      const usage = { prompt_tokens: 24, completion_tokens: tokens.length }
      response.write(chunk([], { ...usage, total_tokens: usage.prompt_tokens + tokens.length }))
    }
    response.end('data: [DONE]\n\n')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    streams,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}
