import { z } from 'zod'
import { RequestError } from '../http/relay-error.js'
import { MAX_JSON_DEPTH, tooDeepPath } from './json-depth.js'

/** More messages than this is a client bug or abuse; the body limit bounds their total size. */
export const MAX_MESSAGES = 2000

/**
 * A content part. Text and image parts are checked for their shape (an image's URL is checked
 * against the relay's policy later, see `checkImageUrls`); the other kinds OpenAI defines (audio,
 * files) pass as they are for the upstream to judge.
 */
const contentPart = z.looseObject({ type: z.string().min(1) }).superRefine((part, ctx) => {
  if (part.type === 'text' && typeof part.text !== 'string') {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'a text part needs a string text' })
  }
  if (part.type === 'image_url') {
    const image = part.image_url as { url?: unknown } | undefined
    if (typeof image?.url !== 'string') {
      const message = 'an image_url part needs image_url: { url }'
      ctx.addIssue({ code: 'custom', path: ['image_url', 'url'], message })
    }
  }
})

const message = z
  .looseObject({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool'], {
      error: 'role must be one of system, developer, user, assistant, tool',
    }),
    content: z
      .union([z.string(), z.array(contentPart)], {
        error: 'content must be a string or an array of content parts',
      })
      .nullable()
      .optional(),
    name: z.string().optional(),
    tool_call_id: z.string().optional(),
    tool_calls: z.array(z.looseObject({ id: z.string(), type: z.string() })).optional(),
  })
  .superRefine((value, ctx) => {
    // Only an assistant message that calls tools may come without content.
    if (value.content == null && !(value.role === 'assistant' && value.tool_calls !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'content is required' })
    }
  })

const penalty = z.number().min(-2).max(2)

/**
 * Fields both chat routes accept and validate; `continuation` is the relay's own switch. Anything
 * else is dropped before the upstream sees it: `user` (a client-chosen name the operator's key would
 * vouch for), `store`, `service_tier`, `modalities`, `audio`, `prediction` and every field the relay
 * does not know. The cost-bearing ones (`n`, output tokens) are bounded by {@link checkLimits}.
 */
export const chatFields = {
  messages: z
    .array(message, { error: 'messages must be an array of chat messages' })
    .min(1, 'messages must not be empty')
    .max(MAX_MESSAGES, `at most ${MAX_MESSAGES} messages`),
  model: z.string().min(1).max(256).optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  presence_penalty: penalty.optional(),
  frequency_penalty: penalty.optional(),
  seed: z.number().int().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  tool_choice: z.union([z.string(), z.looseObject({ type: z.string() })]).optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: z.looseObject({ type: z.string() }).optional(),
  reasoning_effort: z.string().optional(),
  continuation: z.boolean().optional(),
}

/**
 * `POST /api/chat`: only the known fields are forwarded upstream (unknown ones are dropped), so a
 * browser cannot switch on costly options the relay's operator never meant to offer.
 */
export const apiChatBody = z.object(chatFields, { error: 'the body must be a JSON object' })

/**
 * `POST /v1/chat/completions`: the same allow-list plus what OpenAI clients send for streaming,
 * several choices and log probabilities. Unknown fields are dropped, not refused: OpenAI-compatible
 * clients add fields of their own, and refusing them would break those clients for nothing.
 */
export const completionsBody = z.object(
  {
    ...chatFields,
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
    n: z.number().int().positive().nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullable().optional(),
  },
  { error: 'the body must be a JSON object' },
)

/** What one request may cost: see `limits` in `RelayConfig`. */
export interface RequestLimits {
  maxN: number
  maxOutputTokens: number
}

/** Refuses, with a 400 naming the field, a request that asks for more than `limits` allow. */
export function checkLimits(
  body: {
    n?: number | null
    max_tokens?: number
    max_completion_tokens?: number
    max_output_tokens?: number | null
  },
  limits: RequestLimits,
): void {
  if (body.n != null && body.n > limits.maxN) {
    throw new RequestError('invalid_request', `n: at most ${limits.maxN} on this relay`, {
      status: 400,
      param: 'n',
    })
  }
  for (const field of ['max_tokens', 'max_completion_tokens', 'max_output_tokens'] as const) {
    const value = body[field]
    if (value != null && value > limits.maxOutputTokens) {
      throw new RequestError(
        'invalid_request',
        `${field}: at most ${limits.maxOutputTokens} on this relay`,
        { status: 400, param: field },
      )
    }
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join('')
}

/**
 * Validates a body, turning the first problem into a 400 naming the field (`messages[0].role`).
 * A body nested deeper than {@link MAX_JSON_DEPTH} anywhere, unknown fields included, is refused
 * first: nothing downstream (the SDK's `JSON.stringify`) has to survive it.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const deep = tooDeepPath(body)
  if (deep !== undefined) {
    throw new RequestError(
      'invalid_request',
      `${formatPath(deep)}: nested deeper than ${MAX_JSON_DEPTH} levels`,
      { status: 400, param: formatPath(deep) },
    )
  }
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const param = issue === undefined || issue.path.length === 0 ? undefined : formatPath(issue.path)
  const message = issue?.message ?? 'invalid request body'
  throw new RequestError(
    'invalid_request',
    param === undefined ? message : `${param}: ${message}`,
    {
      status: 400,
      ...(param !== undefined && { param }),
    },
  )
}
