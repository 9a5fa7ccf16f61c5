import type { ServerResponse } from 'node:http'
import type { Answer, RawReply } from '../script/answer.js'
import { chatEncoder, completionOf, createIdentity, requestIdOf } from '../wire/chunk-writer.js'
import { sendError } from '../wire/openai-error.js'
import { createResponseIdentity, ResponseEncoder } from '../wire/response-events.js'
import { writePaced, type PacedHooks } from '../wire/paced-writer.js'
import { splitWrites } from '../wire/split-writes.js'
import { streamFrames, type Frame } from '../wire/stream-frames.js'
import { waitUnlessClosed } from './wait-unless-closed.js'

const EVENT_STREAM = 'text/event-stream; charset=utf-8'
const JSON_TYPE = 'application/json; charset=utf-8'

/** Writes one decided answer; `hooks` hear of every event written and of the mock's own hang-ups. */
export async function sendAnswer(
  res: ServerResponse,
  answer: Answer,
  hooks: PacedHooks,
): Promise<void> {
  if (!(await waitUnlessClosed(res, answer.headersDelayMs))) return
  const headers = (contentType: string, extra: Record<string, string | number> = {}) => ({
    'content-type': answer.contentType ?? contentType,
    ...extra,
    ...answer.headers,
  })
  switch (answer.kind) {
    case 'hang':
      // Never answered: the request stays open until the client or `closeAll()` ends it.
      if (answer.sendHeaders) {
        res.writeHead(200, headers(EVENT_STREAM, { 'cache-control': 'no-cache' }))
        res.flushHeaders()
      }
      return
    case 'error':
      return sendError(res, {
        ...answer.error,
        headers: { ...answer.error.headers, ...answer.headers },
      })
    case 'json': {
      const body = JSON.stringify(answer.value)
      res.writeHead(200, headers(JSON_TYPE, { 'content-length': Buffer.byteLength(body) }))
      res.end(body)
      return
    }
    case 'raw':
      res.writeHead(answer.raw.status, headers(EVENT_STREAM, { 'cache-control': 'no-cache' }))
      res.flushHeaders()
      await writePaced(res, paced(rawFrames(answer.raw), answer.raw), hooks)
      return
    case 'chat': {
      const { reply } = answer
      const identity = createIdentity(reply.model, reply.includeUsage, reply.id)
      const requestId = { 'x-request-id': requestIdOf(identity) }
      const { api } = answer
      const responses =
        api.name === 'responses'
          ? new ResponseEncoder(reply, createResponseIdentity(reply.model, api.echo, reply.id))
          : undefined
      if (answer.stream) {
        res.writeHead(200, headers(EVENT_STREAM, { 'cache-control': 'no-cache', ...requestId }))
        // Headers go out now, as OpenAI's do, so a slow first token is silence on an open stream.
        res.flushHeaders()
        const encoder = responses ?? chatEncoder(reply, identity)
        await writePaced(res, paced(streamFrames(reply, encoder), reply), hooks)
        return
      }
      // A whole completion arrives in one piece after the first-chunk delay; pacing is skipped
      // because nothing would observe it, and a drop hangs up instead of answering.
      if (!(await waitUnlessClosed(res, reply.firstChunkDelayMs))) return
      if (reply.dropAfter !== undefined) {
        hooks.beforeDrop?.()
        res.destroy()
        return
      }
      const body = JSON.stringify(responses?.whole() ?? completionOf(identity, reply))
      res.writeHead(
        200,
        headers(JSON_TYPE, { 'content-length': Buffer.byteLength(body), ...requestId }),
      )
      res.end(body)
      return
    }
  }
}

function paced(
  frames: Generator<Frame>,
  delivery: { writeSize?: number; stepMs: number },
): Iterator<Frame> {
  return delivery.writeSize === undefined
    ? frames
    : splitWrites(frames, Math.max(1, delivery.writeSize), delivery.stepMs)
}

function* rawFrames(raw: RawReply): Generator<Frame> {
  const { beforeChunk } = raw
  for (let i = 0; i <= raw.pieces.length; i++) {
    const at = raw.firstChunkDelayMs + i * raw.stepMs
    if (beforeChunk !== undefined) yield { at, gate: () => beforeChunk(i) }
    const data = raw.pieces[i]
    if (data === undefined) break
    if (i === raw.dropAfter) {
      yield { at, drop: true }
      return
    }
    if (i === raw.endAfter) return
    yield { at, data, event: true }
  }
  if (raw.dropAfter !== undefined && raw.dropAfter >= raw.pieces.length) {
    yield { at: raw.firstChunkDelayMs + raw.pieces.length * raw.stepMs, drop: true }
  }
}
