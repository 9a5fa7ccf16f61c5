import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseChatRequest } from '../model/chat-request.js'
import { completionOf, createIdentity, type ReplyIdentity } from '../wire/chunk-writer.js'
import { sendError } from '../wire/openai-error.js'
import { writePaced } from '../wire/paced-writer.js'
import { readJsonBody } from './read-json-body.js'
import { planReply, type ReplyPlan } from '../model/reply-plan.js'
import { streamFrames } from '../wire/stream-frames.js'

/** `POST /v1/chat/completions`: validate, plan the reply, then stream it or send it whole. */
export async function handleChat(
  req: IncomingMessage,
  res: ServerResponse,
  tokensPerSecond: number,
): Promise<void> {
  const body = await readJsonBody(req)
  if (!body.ok) return sendError(res, body.error)
  const request = parseChatRequest(body.value)
  if ('status' in request) return sendError(res, request)
  const plan = planReply(request, tokensPerSecond)
  if ('status' in plan) return sendError(res, plan)
  const identity = createIdentity(plan.model, plan.includeUsage)
  if (request.stream) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': requestIdOf(identity),
    })
    // Headers go out now, as OpenAI's do, so a slow first token is silence on an open stream.
    res.flushHeaders()
    await writePaced(res, streamFrames(plan, identity))
    return
  }
  await sendCompletion(res, plan, identity)
}

/**
 * A non-streamed reply arrives in one piece after the `/slow` delay; token pacing is skipped because
 * nothing would observe it. `/drop` hangs up instead of answering.
 */
async function sendCompletion(
  res: ServerResponse,
  plan: ReplyPlan,
  identity: ReplyIdentity,
): Promise<void> {
  if (!(await waitUnlessClosed(res, plan.firstTokenDelayMs))) return
  if (plan.dropAfter !== undefined) {
    res.destroy()
    return
  }
  const body = JSON.stringify(completionOf(identity, plan))
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestIdOf(identity),
  })
  res.end(body)
}

/** Resolves `true` after `ms`, or `false` as soon as the client goes away (the timer is cleared). */
function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(true)
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      res.off('close', onClose)
      resolve(true)
    }, ms)
    res.once('close', onClose)
  })
}

/** OpenAI's `x-request-id`, which the SDK exposes as `_request_id` for support tickets and logs. */
const requestIdOf = (identity: ReplyIdentity): string =>
  `req_${identity.id.slice('chatcmpl-'.length)}`
