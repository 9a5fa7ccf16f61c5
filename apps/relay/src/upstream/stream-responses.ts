import { encodeSSE } from '@typewriter-chat/core'
import type { SSEEvent } from '@typewriter-chat/core'
import type OpenAI from 'openai'
import { APIError } from 'openai'
import type { ResponseCreateParamsStreaming } from 'openai/resources/responses/responses'
import { UpstreamError, upstreamIncomplete } from '../http/relay-error.js'
import { jsonAnswerReader } from './json-answer.js'
import { upstreamInBandError } from './map-upstream-error.js'
import { upstreamEvents, type UpstreamEventsOptions } from './upstream-events.js'

/** One event of the Responses API's stream, as the upstream sent it. */
export interface ResponseEvent {
  type: string
  sequence_number?: number
  response?: { usage?: ResponseUsage | null; error?: { code?: unknown } | null }
  [field: string]: unknown
}

/** The Responses API's token counts. */
export interface ResponseUsage {
  input_tokens: number
  output_tokens: number
}

/** The events that end a response: nothing follows them. */
export const TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  'response.completed',
  'response.incomplete',
  'response.failed',
])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function unreadable(cause?: unknown): UpstreamError {
  return new UpstreamError(
    'upstream_error',
    'The upstream sent a Responses API event the relay cannot read.',
    { status: 502, type: 'upstream_error', ...(cause !== undefined && { cause }) },
  )
}

/**
 * An upstream without the Responses API answers 404 (or 405) with no `param` and no
 * `model_not_found`: said plainly, with what to use instead. 501, so no client waits for it to
 * change.
 */
function unsupported(error: unknown): UpstreamError | undefined {
  if (!(error instanceof APIError) || (error.status !== 404 && error.status !== 405)) {
    return undefined
  }
  const body = (error.error ?? {}) as { code?: unknown; param?: unknown }
  if (body.code === 'model_not_found' || (body.param !== undefined && body.param !== null)) {
    return undefined
  }
  return new UpstreamError(
    'responses_unsupported',
    `The upstream does not offer the Responses API (POST /v1/responses answered ${error.status}). ` +
      'Use /v1/chat/completions with this upstream.',
    { status: 501, type: 'upstream_error', cause: error },
  )
}

/** One event's meaning: an event to pass on, `'done'`, or a thrown in-band error. */
function parseResponseEvent(event: SSEEvent): ResponseEvent | 'done' | undefined {
  if (event.data === '[DONE]') return 'done'
  let value: unknown
  try {
    value = JSON.parse(event.data)
  } catch (error) {
    throw unreadable(error)
  }
  if (!isRecord(value)) throw unreadable()
  if (isRecord(value['error'])) throw upstreamInBandError(value['error'], value)
  if (typeof value['type'] !== 'string') return undefined
  if (value['type'] === 'error') throw upstreamInBandError(value, value)
  return value as ResponseEvent
}

/** A response object (from an upstream that ignored `stream: true`) as its terminal event. */
const responseJsonAsEvents = jsonAnswerReader('a response', (value) => {
  if (!isRecord(value) || value['object'] !== 'response') return undefined
  const type = value['status'] === 'incomplete' ? 'response.incomplete' : 'response.completed'
  return [encodeSSE({ data: JSON.stringify({ type, response: value }) })]
})

/**
 * One Responses API call to the upstream through the official SDK's `responses.create`, streamed
 * and read by {@link upstreamEvents}: the reply is settled by its terminal event (completed,
 * incomplete or failed), and a body that ends before one is `upstream_incomplete`. In-band `error`
 * events fail the call as the upstream's error.
 */
export function streamResponses(
  client: OpenAI,
  params: Record<string, unknown>,
  options: UpstreamEventsOptions,
): AsyncGenerator<ResponseEvent, void, undefined> {
  let settled = false
  const request = { ...params, stream: true } as unknown as ResponseCreateParamsStreaming
  return upstreamEvents<ResponseEvent>(
    {
      open: async (signal) => {
        try {
          return await client.responses.create(request, { signal }).asResponse()
        } catch (error) {
          throw unsupported(error) ?? error
        }
      },
      jsonAsEvents: responseJsonAsEvents,
      parse: parseResponseEvent,
      tracker: {
        observe: (event) => {
          if (TERMINAL_EVENTS.has(event.type)) settled = true
        },
        get settled() {
          return settled
        },
        assertComplete: () => {
          if (!settled) throw upstreamIncomplete()
        },
      },
    },
    options,
  )
}
