import { z } from 'zod'
import { MAX_MESSAGES } from './chat-body.js'

/** An input item: a message (`role`, `content`), a function call or its output, a reference... */
const inputItem = z.looseObject({
  type: z.string().min(1).optional(),
  role: z.string().min(1).optional(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string().min(1) }))]).optional(),
})

/**
 * `POST /v1/responses`: the Responses API fields the relay forwards, validated. Unknown fields are
 * dropped, not refused (clients add their own): among them `user`, `safety_identifier`,
 * `metadata`, `service_tier`, `background` (the relay offers no endpoint to poll a background
 * response), `prompt`, `conversation` and `stream_options`. `store`, `previous_response_id` and
 * `include` pass: state kept at the upstream under the relay's key, named by ids only their
 * holder knows (the Vercel AI SDK refers to earlier output items by id by default).
 */
export const responsesBody = z.object(
  {
    model: z.string().min(1).max(256).optional(),
    input: z.union([
      z.string(),
      z
        .array(inputItem, { error: 'input must be a string or an array of input items' })
        .min(1, 'input must not be empty')
        .max(MAX_MESSAGES, `at most ${MAX_MESSAGES} input items`),
    ]),
    instructions: z.string().nullable().optional(),
    stream: z.boolean().nullable().optional(),
    tools: z.array(z.looseObject({ type: z.string() })).optional(),
    tool_choice: z.union([z.string(), z.looseObject({ type: z.string() })]).optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    max_tool_calls: z.number().int().positive().nullable().optional(),
    text: z.looseObject({}).nullable().optional(),
    reasoning: z.looseObject({}).nullable().optional(),
    max_output_tokens: z.number().int().positive().nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
    truncation: z.enum(['auto', 'disabled']).nullable().optional(),
    store: z.boolean().nullable().optional(),
    previous_response_id: z.string().min(1).max(256).nullable().optional(),
    include: z.array(z.string()).max(16).nullable().optional(),
  },
  { error: 'the body must be a JSON object' },
)

export type ResponsesBody = z.output<typeof responsesBody>
