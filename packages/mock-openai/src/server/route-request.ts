import type { IncomingMessage, ServerResponse } from 'node:http'
import { MOCK_MODELS } from '../model/reply-plan.js'
import type { MockPlan } from '../script/mock-plan.js'
import type { MockModelsPlan } from '../script/models-plan.js'
import { resolveAnswer } from '../script/resolve-answer.js'
import type { PacedHooks } from '../wire/paced-writer.js'
import { errorForStatus, invalidRequest, sendError } from '../wire/openai-error.js'
import { answerPreflight } from './cors.js'
import type { RequestBody } from './read-body.js'
import { sendAnswer } from './send-answer.js'

/** A fixed creation time, so the model list is byte-for-byte stable between runs. */
const MODELS_CREATED = 1_735_689_600

const modelObject = (id: string): object => ({
  id,
  object: 'model',
  created: MODELS_CREATED,
  owned_by: 'typewriter-chat',
})

/** The endpoints that generate a reply, and which API's wire format each answers in. */
const CREATE_PATHS: Readonly<Record<string, 'chat' | 'responses'>> = {
  '/v1/chat/completions': 'chat',
  '/v1/responses': 'responses',
}

/** What routing one request needs besides the request itself. */
export interface RouteContext {
  body: RequestBody
  tokensPerSecond: number
  /** The scripted plan for a chat request, taken only when one arrives. */
  planFor(): MockPlan | undefined
  /** The scripted answer to `GET /v1/models`, if any. */
  modelsPlan?: MockModelsPlan | undefined
  hooks: PacedHooks
}

/** Routes one request of the mock's OpenAI-compatible API. */
export async function routeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  context: RouteContext,
): Promise<void> {
  const method = req.method ?? 'GET'
  if (method === 'OPTIONS') return answerPreflight(req, res)
  const path = new URL(req.url ?? '/', 'http://mock').pathname.replace(/\/+$/, '')
  const model = /^\/v1\/models\/([^/]+)$/.exec(path)?.[1]
  const api = CREATE_PATHS[path]
  const allowed = api !== undefined ? 'POST' : path === '/v1/models' || model ? 'GET' : undefined
  if (allowed === undefined) {
    return sendError(res, invalidRequest(`Invalid URL (${method} ${path})`, null, 404))
  }
  if (!/^Bearer \S/i.test(req.headers.authorization ?? '')) {
    return sendError(
      res,
      invalidRequest(
        "You didn't provide an API key. Send it in an Authorization header using Bearer auth.",
        null,
        401,
      ),
    )
  }
  if (method !== allowed) {
    return sendError(res, {
      ...invalidRequest(`Method ${method} is not allowed on ${path}; use ${allowed}.`, null, 405),
      headers: { allow: allowed },
    })
  }
  if (api !== undefined) {
    const answer = resolveAnswer(context.planFor(), {
      body: context.body,
      contentType: req.headers['content-type'],
      tokensPerSecond: context.tokensPerSecond,
      api,
    })
    return sendAnswer(res, answer, context.hooks)
  }
  if (model === undefined) {
    const list = { object: 'list', data: MOCK_MODELS.map(modelObject) }
    const plan = context.modelsPlan
    if (plan === undefined) return sendJson(res, list)
    const answer = resolveAnswer(
      { ...plan, json: plan.json ?? list },
      {
        body: context.body,
        contentType: undefined,
        tokensPerSecond: context.tokensPerSecond,
        api: 'chat',
      },
    )
    return sendAnswer(res, answer, context.hooks)
  }
  const id = decodeURIComponent(model)
  if ((MOCK_MODELS as readonly string[]).includes(id)) return sendJson(res, modelObject(id))
  return sendError(res, errorForStatus(404, `The model '${id}' does not exist.`))
}

function sendJson(res: ServerResponse, value: object): void {
  const body = JSON.stringify(value)
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}
