/** The OpenAI wire format of the fake upstream: streamed chunks, drops, errors, completions. */
import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import type { RecordedRequest, ReplyScript } from './fake-upstream-types.js'

/** Waits `ms`, or one turn of the event loop for 0. */
export const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : new Promise((r) => setImmediate(r))

async function write(res: ServerResponse, text: string, script: ReplyScript): Promise<void> {
  if (res.destroyed) return
  if (script.byteByByte !== true) {
    if (!res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')])
    return
  }
  for (const byte of Buffer.from(text, 'utf8')) {
    if (res.destroyed) return
    res.write(Buffer.of(byte))
    await sleep(script.byteDelayMs ?? 0)
  }
}

async function drop(res: ServerResponse): Promise<void> {
  // Let what was written reach the wire first, as when a real server or proxy dies mid-reply.
  await sleep(20)
  res.socket?.destroy()
}

function chunkFactory(model: string, withUsage: boolean) {
  const id = `chatcmpl-fake${Math.random().toString(36).slice(2, 12)}`
  const created = Math.floor(Date.now() / 1000)
  const base = {
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  }
  return (choices: unknown[], usage?: unknown): string => {
    const chunk = { ...base, choices, ...(withUsage && { usage: usage ?? null }) }
    return `data: ${JSON.stringify(chunk)}\n\n`
  }
}

/** Streams one reply in OpenAI's exact chunk format, following `script`. */
export async function streamReply(
  rec: RecordedRequest,
  res: ServerResponse,
  script: ReplyScript,
): Promise<void> {
  const body = rec.body ?? {}
  const model = script.model ?? (typeof body.model === 'string' ? body.model : 'gpt-fake')
  const options = body.stream_options as { include_usage?: boolean } | undefined
  const chunk = chunkFactory(model, options?.include_usage === true)
  const pieces = script.pieces ?? ['Hello', ' world', '!']
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...script.headers,
  })
  res.flushHeaders()
  await sleep(script.firstChunkDelayMs ?? 0)
  const choice = (delta: unknown, finish: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  })
  await write(res, chunk([choice({ role: 'assistant', content: '', refusal: null })]), script)
  for (const [i, piece] of pieces.entries()) {
    if (script.dropAfter === i) return drop(res)
    if (script.endAfter === i) {
      res.end()
      return
    }
    if (script.errorAfter?.pieces === i) {
      await write(res, `data: ${JSON.stringify({ error: script.errorAfter.error })}\n\n`, script)
      res.end()
      return
    }
    if (i > 0) await sleep(script.delayMs ?? 0)
    if (res.destroyed) return
    await write(res, chunk([choice({ content: piece })]), script)
    rec.piecesWritten += 1
  }
  if (script.dropAfter === pieces.length) return drop(res)
  await write(res, chunk([choice({}, script.finishReason ?? 'stop')]), script)
  const usage = script.usage ?? {
    prompt_tokens: 10,
    completion_tokens: pieces.length,
    total_tokens: 10 + pieces.length,
  }
  if (options?.include_usage === true) await write(res, chunk([], usage), script)
  await write(res, 'data: [DONE]\n\n', script)
  res.end()
}

/** Answers a non-streamed request with one `chat.completion`. */
export function completion(rec: RecordedRequest, res: ServerResponse, script: ReplyScript): void {
  const pieces = script.pieces ?? ['Hello', ' world', '!']
  const model = script.model ?? (typeof rec.body?.model === 'string' ? rec.body.model : 'gpt-fake')
  res.writeHead(200, { 'content-type': 'application/json', ...script.headers })
  res.end(
    JSON.stringify({
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: pieces.join(''), refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: script.finishReason ?? 'stop',
        },
      ],
      usage: script.usage ?? {
        prompt_tokens: 10,
        completion_tokens: pieces.length,
        total_tokens: 10 + pieces.length,
      },
    }),
  )
}
