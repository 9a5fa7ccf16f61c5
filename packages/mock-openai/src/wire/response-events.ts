import { randomBytes } from 'node:crypto'
import type { MockDelta, MockErrorObject, MockUsage } from '../script/mock-plan.js'
import type { ChatReply } from './chat-reply.js'
import type { ReplyEncoder } from './stream-frames.js'

/** What the response object repeats of the request (OpenAI echoes its settings). */
export interface ResponseEcho {
  instructions: string | null
  max_output_tokens: number | null
  parallel_tool_calls: boolean
  temperature: number
  text: unknown
  tool_choice: unknown
  tools: unknown[]
  top_p: number
}

/** The fields of one response that every event repeats. */
export interface ResponseIdentity {
  id: string
  created: number
  model: string
  echo: ResponseEcho
}

/** 50 hex digits after the prefix, like OpenAI's response and item ids. */
const newId = (prefix: string): string => `${prefix}_${randomBytes(25).toString('hex')}`

export function createResponseIdentity(
  model: string,
  echo: ResponseEcho,
  id?: string,
): ResponseIdentity {
  return { id: id ?? newId('resp'), created: Math.floor(Date.now() / 1000), model, echo }
}

type Status = 'in_progress' | 'completed' | 'incomplete'

type Item = { id: string; text: string; status: Status } & (
  { kind: 'reasoning' | 'message' } | { kind: 'call'; index: number; callId: string; name: string }
)

/** An SSE event as OpenAI's Responses API frames it: its type as `event:`, the object as data. */
const sse = (event: { type: string; [field: string]: unknown }): string =>
  `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`

const outputText = (text: string) => ({ type: 'output_text', annotations: [], logprobs: [], text })

/**
 * A reply as Responses API events, in OpenAI's order and shapes: `response.created` and
 * `response.in_progress`, then per output item (reasoning summary, message, function call)
 * `response.output_item.added`, its part, its deltas, their `.done` events and
 * `response.output_item.done`, and last `response.completed` (or `response.incomplete` when the
 * reply was cut at `max_output_tokens`) with the whole response. Only choice 0 exists here.
 */
export class ResponseEncoder implements ReplyEncoder {
  readonly #identity: ResponseIdentity
  readonly #reply: ChatReply
  readonly #items: Item[] = []
  #open: Item | undefined
  #sequence = 0

  constructor(reply: ChatReply, identity: ResponseIdentity) {
    this.#reply = reply
    this.#identity = identity
  }

  opening(): string[] {
    const response = this.response('in_progress')
    return [
      this.#event('response.created', { response }),
      this.#event('response.in_progress', { response }),
    ]
  }

  delta(delta: MockDelta): string[] {
    if ((delta.index ?? 0) !== 0) return []
    const events: string[] = []
    if (delta.reasoning_content !== undefined) {
      events.push(...this.#into('reasoning', delta.reasoning_content))
    }
    if (delta.content !== undefined && delta.content !== '') {
      events.push(...this.#into('message', delta.content))
    }
    for (const call of delta.tool_calls ?? []) {
      const open = this.#open
      if (open?.kind !== 'call' || open.index !== call.index) {
        events.push(...this.#close('completed'))
        const item: Item = {
          kind: 'call',
          id: newId('fc'),
          index: call.index,
          callId: call.id ?? `call_${call.index}`,
          name: call.function?.name ?? '',
          text: '',
          status: 'in_progress',
        }
        events.push(...this.#add(item))
      }
      const piece = call.function?.arguments ?? ''
      if (piece !== '' && this.#open !== undefined) {
        this.#open.text += piece
        events.push(this.#deltaEvent(this.#open, piece))
      }
    }
    return events
  }

  error(error: MockErrorObject): string {
    return this.#event('error', {
      code: error.code ?? null,
      message: error.message,
      param: error.param ?? null,
    })
  }

  ending(): string[] {
    const reason = this.#reply.finishReasons[0] ?? null
    // No finish at all: the reply ends without its closing events, like a cut connection.
    if (reason === null) return []
    const cut = reason === 'length'
    const events = this.#close(cut ? 'incomplete' : 'completed')
    const response = this.response(cut ? 'incomplete' : 'completed')
    events.push(this.#event(cut ? 'response.incomplete' : 'response.completed', { response }))
    return events
  }

  /** The response object as it stands: at the start, or once every delta went in. */
  response(status: Status): object {
    const { id, created, model, echo } = this.#identity
    const done = status !== 'in_progress'
    return {
      id,
      object: 'response',
      created_at: created,
      status,
      background: false,
      completed_at: status === 'completed' ? Math.floor(Date.now() / 1000) : null,
      error: null,
      incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
      instructions: echo.instructions,
      max_output_tokens: echo.max_output_tokens,
      max_tool_calls: null,
      model,
      output: done ? this.#items.map(itemObject) : [],
      parallel_tool_calls: echo.parallel_tool_calls,
      previous_response_id: null,
      prompt_cache_key: null,
      reasoning: { effort: null, summary: null },
      safety_identifier: null,
      service_tier: 'default',
      store: false,
      temperature: echo.temperature,
      text: echo.text,
      tool_choice: echo.tool_choice,
      tools: echo.tools,
      top_logprobs: 0,
      top_p: echo.top_p,
      truncation: 'disabled',
      usage: done ? responseUsage(this.#reply.usage) : null,
      user: null,
      metadata: {},
    }
  }

  /** Feeds all deltas and returns the final response: the answer to `stream: false`. */
  whole(): object {
    for (const { delta } of this.#reply.deltas) this.delta(delta)
    const reason = this.#reply.finishReasons[0] ?? 'stop'
    const status = reason === 'length' ? 'incomplete' : 'completed'
    this.#close(status)
    return this.response(status)
  }

  #into(kind: 'reasoning' | 'message', piece: string): string[] {
    const events: string[] = []
    if (this.#open?.kind !== kind) {
      events.push(...this.#close('completed'))
      const id = newId(kind === 'message' ? 'msg' : 'rs')
      events.push(...this.#add({ kind, id, text: '', status: 'in_progress' }))
    }
    const open = this.#open as Item
    open.text += piece
    events.push(this.#deltaEvent(open, piece))
    return events
  }

  #add(item: Item): string[] {
    this.#items.push(item)
    this.#open = item
    const where = this.#where(item)
    const events = [
      this.#event('response.output_item.added', {
        output_index: where.output_index,
        item: itemObject(item),
      }),
    ]
    if (item.kind === 'message') {
      events.push(
        this.#event('response.content_part.added', {
          ...where,
          content_index: 0,
          part: outputText(''),
        }),
      )
    } else if (item.kind === 'reasoning') {
      events.push(
        this.#event('response.reasoning_summary_part.added', {
          ...where,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        }),
      )
    }
    return events
  }

  #deltaEvent(item: Item, delta: string): string {
    const where = this.#where(item)
    switch (item.kind) {
      case 'message':
        return this.#event('response.output_text.delta', {
          ...where,
          content_index: 0,
          delta,
          logprobs: [],
        })
      case 'reasoning':
        return this.#event('response.reasoning_summary_text.delta', {
          ...where,
          summary_index: 0,
          delta,
        })
      case 'call':
        return this.#event('response.function_call_arguments.delta', { ...where, delta })
    }
  }

  #close(status: 'completed' | 'incomplete'): string[] {
    const item = this.#open
    if (item === undefined) return []
    this.#open = undefined
    item.status = status
    const where = this.#where(item)
    const events: string[] = []
    switch (item.kind) {
      case 'message':
        events.push(
          this.#event('response.output_text.done', {
            ...where,
            content_index: 0,
            text: item.text,
            logprobs: [],
          }),
          this.#event('response.content_part.done', {
            ...where,
            content_index: 0,
            part: outputText(item.text),
          }),
        )
        break
      case 'reasoning':
        events.push(
          this.#event('response.reasoning_summary_text.done', {
            ...where,
            summary_index: 0,
            text: item.text,
          }),
          this.#event('response.reasoning_summary_part.done', {
            ...where,
            summary_index: 0,
            part: { type: 'summary_text', text: item.text },
          }),
        )
        break
      case 'call':
        events.push(
          this.#event('response.function_call_arguments.done', {
            ...where,
            arguments: item.text,
            name: item.name,
          }),
        )
        break
    }
    events.push(
      this.#event('response.output_item.done', {
        output_index: where.output_index,
        item: itemObject(item),
      }),
    )
    return events
  }

  #where(item: Item): { item_id: string; output_index: number } {
    return { item_id: item.id, output_index: this.#items.indexOf(item) }
  }

  #event(type: string, fields: object): string {
    return sse({ type, sequence_number: this.#sequence++, ...fields })
  }
}

function itemObject(item: Item): object {
  const { status } = item
  switch (item.kind) {
    case 'message':
      return {
        id: item.id,
        type: 'message',
        status,
        content: status === 'in_progress' ? [] : [outputText(item.text)],
        role: 'assistant',
      }
    case 'reasoning':
      return {
        id: item.id,
        type: 'reasoning',
        summary: status === 'in_progress' ? [] : [{ type: 'summary_text', text: item.text }],
      }
    case 'call':
      return {
        id: item.id,
        type: 'function_call',
        status,
        arguments: status === 'in_progress' ? '' : item.text,
        call_id: item.callId,
        name: item.name,
      }
  }
}

/** The request's settings as OpenAI echoes them, with its defaults for those not set. */
export function responseEcho(body: Record<string, unknown>): ResponseEcho {
  const number = (value: unknown, fallback: number): number =>
    typeof value === 'number' ? value : fallback
  const { instructions, max_output_tokens: max, text, tools } = body
  return {
    instructions: typeof instructions === 'string' ? instructions : null,
    max_output_tokens: typeof max === 'number' ? max : null,
    parallel_tool_calls: body['parallel_tool_calls'] !== false,
    temperature: number(body['temperature'], 1),
    text: {
      format: { type: 'text' },
      verbosity: 'medium',
      ...(typeof text === 'object' ? text : {}),
    },
    tool_choice: body['tool_choice'] ?? 'auto',
    tools: Array.isArray(tools) ? tools : [],
    top_p: number(body['top_p'], 1),
  }
}

/** Chat usage in the Responses API's terms. */
function responseUsage(usage: MockUsage): object {
  const details = usage['completion_tokens_details'] as { reasoning_tokens?: number } | undefined
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens,
  }
}
