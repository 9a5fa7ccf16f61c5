import { isRecord } from '../is-record.js'
import { parseChatRequest } from '../model/chat-request.js'
import { countPromptTokens, MOCK_MODELS, planReply } from '../model/reply-plan.js'
import { parseResponsesRequest } from '../model/responses-request.js'
import type { RequestBody } from '../server/read-body.js'
import { countUsage, type ChatReply, type StepDelta } from '../wire/chat-reply.js'
import { errorForStatus, invalidRequest, type MockError } from '../wire/openai-error.js'
import { responseEcho } from '../wire/response-events.js'
import type { Answer } from './answer.js'
import type { MockPlan } from './mock-plan.js'

/** What a chat request brought, as the answer needs it. */
export interface ChatInput {
  body: RequestBody
  contentType: string | undefined
  /** The mock model's default pace. */
  tokensPerSecond: number
  /** The endpoint asked: `/v1/chat/completions` or `/v1/responses`. */
  api: 'chat' | 'responses'
}

/**
 * Decides the answer to one chat request: the plan's own kind of answer when it names one (hang,
 * raw bytes with any status, an error status, JSON, chunks), else the mock model's reply; the plan's delivery and
 * misbehaviour fields apply to either.
 */
export function resolveAnswer(plan: MockPlan | undefined, input: ChatInput): Answer {
  const common = {
    headers: plan?.headers ?? {},
    ...(plan?.contentType !== undefined && { contentType: plan.contentType }),
    headersDelayMs: plan?.headersDelayMs ?? 0,
  }
  if (plan?.hang !== undefined && plan.hang !== false) {
    return { kind: 'hang', sendHeaders: plan.hang === 'headers', ...common }
  }
  if (plan?.raw !== undefined) {
    return {
      kind: 'raw',
      raw: {
        status: plan.status ?? 200,
        pieces: plan.raw,
        stepMs: plan.delayMs ?? 0,
        firstChunkDelayMs: plan.firstChunkDelayMs ?? 0,
        ...pick(plan, 'dropAfter', 'endAfter', 'writeSize', 'beforeChunk'),
      },
      ...common,
    }
  }
  if (plan?.status !== undefined && plan.status >= 400) {
    // The plan's status is the HTTP status, whatever fields its error object carries.
    const error = { ...errorForStatus(plan.status), ...plan.error, status: plan.status }
    return { kind: 'error', error, ...common }
  }
  if (plan?.json !== undefined) return { kind: 'json', value: plan.json, ...common }
  const body = input.body.kind === 'json' && isRecord(input.body.value) ? input.body.value : {}
  const base =
    plan?.chunks !== undefined ? scriptedReply(plan.chunks, body, input.api) : modelReply(input)
  if ('status' in base) return { kind: 'error', error: base, ...common }
  return {
    kind: 'chat',
    reply: overlay(base, plan ?? {}),
    stream: body['stream'] === true,
    api: input.api === 'chat' ? { name: 'chat' } : { name: 'responses', echo: responseEcho(body) },
    ...common,
  }
}

function modelReply(input: ChatInput): ChatReply | MockError {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(input.contentType ?? '')) {
    return invalidRequest('Content-Type must be application/json.', null, 415)
  }
  switch (input.body.kind) {
    case 'too-large':
      return invalidRequest('The request body is too large.', null, 413)
    case 'unreadable':
      return invalidRequest('The request body could not be read.')
    case 'not-json':
      return invalidRequest(
        'We could not parse the JSON body of your request. Make sure it is valid JSON and try again.',
      )
  }
  const request = parseRequest[input.api](input.body.value)
  return 'status' in request ? request : planReply(request, input.tokensPerSecond)
}

const parseRequest = { chat: parseChatRequest, responses: parseResponsesRequest }

/** Scripted chunks are answered whatever the request looks like: a test controls both sides. */
function scriptedReply(
  chunks: NonNullable<MockPlan['chunks']>,
  body: Record<string, unknown>,
  api: ChatInput['api'],
) {
  const deltas: StepDelta[] = chunks.map((chunk, step) => ({
    step,
    delta: typeof chunk === 'string' ? { content: chunk } : chunk,
  }))
  const { n, model, stream_options: streamOptions } = body
  const requested = typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1
  const choices = deltas.reduce(
    (most, { delta }) => Math.max(most, (delta.index ?? 0) + 1),
    requested,
  )
  const request = parseRequest[api](body)
  return {
    model: typeof model === 'string' && model !== '' ? model : MOCK_MODELS[0],
    choices,
    deltas,
    finishReasons: Array<string>(choices).fill('stop'),
    usage: countUsage(deltas, 'status' in request ? 0 : countPromptTokens(request.messages)),
    includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
    done: true,
    stepMs: 0,
    firstChunkDelayMs: 0,
  } satisfies ChatReply
}

/** The plan's fields win over what the reply would otherwise do. */
function overlay(reply: ChatReply, plan: MockPlan): ChatReply {
  return {
    ...reply,
    ...(plan.finishReason !== undefined && {
      finishReasons: Array<string | null>(reply.choices).fill(plan.finishReason),
    }),
    ...(plan.usage !== undefined && { usage: plan.usage }),
    ...(plan.done !== undefined && { done: plan.done }),
    ...(plan.delayMs !== undefined && { stepMs: plan.delayMs }),
    ...(plan.firstChunkDelayMs !== undefined && { firstChunkDelayMs: plan.firstChunkDelayMs }),
    ...pick(plan, 'id', 'dropAfter', 'endAfter', 'errorAfter', 'writeSize', 'beforeChunk'),
  }
}

function pick<K extends keyof MockPlan>(plan: MockPlan, ...keys: K[]): Pick<MockPlan, K> {
  const picked: Pick<MockPlan, K> = {} as Pick<MockPlan, K>
  for (const key of keys) if (plan[key] !== undefined) picked[key] = plan[key]
  return picked
}
