import { z } from 'zod'
import { RequestError } from '../http/relay-error.js'

/** More messages than this is a client bug or abuse; the 1 MB body limit bounds their total size. */
export const MAX_MESSAGES = 2000

const contentPart = z.looseObject({ type: z.string().min(1) })

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

/** Fields both chat routes accept and validate; `continuation` is the relay's own switch. */
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
  user: z.string().max(256).optional(),
  continuation: z.boolean().optional(),
}

/**
 * `POST /api/chat`: only the known fields are forwarded upstream (unknown ones are dropped), so a
 * browser cannot switch on costly options the relay's operator never meant to offer.
 */
export const apiChatBody = z.object(chatFields, { error: 'the body must be a JSON object' })

/** `POST /v1/chat/completions`: OpenAI-compatible, so unknown fields pass through to the upstream. */
export const completionsBody = z.looseObject(
  { ...chatFields, stream: z.boolean().nullable().optional() },
  { error: 'the body must be a JSON object' },
)

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join('')
}

/** Validates a body, turning the first problem into a 400 naming the field (`messages[0].role`). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
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
