import { randomBytes } from 'node:crypto'
import type { MockDelta, MockErrorObject, MockUsage } from '../script/mock-plan.js'
import type { ChatReply } from './chat-reply.js'
import { errorBody } from './openai-error.js'
import type { ReplyEncoder } from './stream-frames.js'

/** The fields every chunk of one reply repeats. */
export interface ReplyIdentity {
  id: string
  created: number
  model: string
  /** OpenAI adds `"usage": null` to every chunk once `stream_options.include_usage` is set. */
  includeUsage: boolean
}

/** A delta as it goes on the wire: the choice index and the finish reason live beside it. */
type WireDelta = Omit<MockDelta, 'index' | 'finish_reason' | 'refusal'> & {
  refusal?: string | null
}

/** A fixed fingerprint: real servers change it only when their backend configuration changes. */
const SYSTEM_FINGERPRINT = 'fp_m0ck7e57ab'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `id` or a fresh `chatcmpl-…` one (29 random characters, like OpenAI's), and the current time. */
export function createIdentity(model: string, includeUsage: boolean, id?: string): ReplyIdentity {
  const random = () => Array.from(randomBytes(29), (byte) => ALPHABET[byte % ALPHABET.length])
  return {
    id: id ?? `chatcmpl-${random().join('')}`,
    created: Math.floor(Date.now() / 1000),
    model,
    includeUsage,
  }
}

/** OpenAI's `x-request-id`, which the SDK exposes as `_request_id` for support tickets and logs. */
export const requestIdOf = (identity: ReplyIdentity): string =>
  `req_${identity.id.replace(/^chatcmpl-/, '')}`

/** One SSE event as OpenAI frames it: a single `data:` line and a blank line, no `id:` or `event:`. */
export function sseData(payload: object | '[DONE]'): string {
  return `data: ${payload === '[DONE]' ? payload : JSON.stringify(payload)}\n\n`
}

interface ChunkChoice {
  index: number
  delta: WireDelta
  logprobs: null
  finish_reason: string | null
}

function chunk(identity: ReplyIdentity, choices: ChunkChoice[], usage: MockUsage | null = null) {
  // Key order follows OpenAI's own output, so byte-level fixtures recorded from the mock look real.
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...(identity.includeUsage && { usage }),
  }
}

const choiceOf = (index: number, delta: WireDelta, finish: string | null = null): ChunkChoice => ({
  index,
  delta,
  logprobs: null,
  finish_reason: finish,
})

/** The first chunk of each choice: the role and an empty content, nothing else. */
export const roleChunk = (identity: ReplyIdentity, index: number): string =>
  sseData(chunk(identity, [choiceOf(index, { role: 'assistant', content: '', refusal: null })]))

/** One delta of one choice; a delta that carries a finish reason finishes its choice. */
export function deltaChunk(identity: ReplyIdentity, delta: MockDelta): string {
  const { index = 0, finish_reason = null, ...wire } = delta
  return sseData(chunk(identity, [choiceOf(index, wire, finish_reason)]))
}

/** The chunk after a choice's last token: an empty delta carrying the finish reason. */
export const finishChunk = (identity: ReplyIdentity, index: number, reason: string): string =>
  sseData(chunk(identity, [choiceOf(index, {}, reason)]))

/** The usage chunk OpenAI sends last when asked: no choices at all. */
export const usageChunk = (identity: ReplyIdentity, usage: MockUsage): string =>
  sseData(chunk(identity, [], usage))

/** The in-band error event a stream ends with when the server fails after the headers went out. */
export const errorEvent = (error: MockErrorObject): string => sseData(errorBody(error))

/**
 * Chat completion chunks: each choice opens with a role-only chunk, as OpenAI's do (unless its
 * first scripted delta already names the role), a delta is one chunk, and the ending is a finish
 * chunk for every choice no delta finished, the usage chunk when asked for, then `[DONE]`.
 */
export function chatEncoder(reply: ChatReply, identity: ReplyIdentity): ReplyEncoder {
  const finished = new Set<number>()
  return {
    opening() {
      const firstHasRole = new Map<number, boolean>()
      for (const { delta } of reply.deltas) {
        const index = delta.index ?? 0
        if (!firstHasRole.has(index)) firstHasRole.set(index, delta.role !== undefined)
      }
      const events: string[] = []
      for (let index = 0; index < reply.choices; index++) {
        if (firstHasRole.get(index) !== true) events.push(roleChunk(identity, index))
      }
      return events
    },
    delta(delta) {
      if (delta.finish_reason !== undefined) finished.add(delta.index ?? 0)
      return [deltaChunk(identity, delta)]
    },
    error: errorEvent,
    ending() {
      const events: string[] = []
      for (let index = 0; index < reply.choices; index++) {
        const reason = reply.finishReasons[index] ?? null
        if (!finished.has(index) && reason !== null) {
          events.push(finishChunk(identity, index, reason))
        }
      }
      if (reply.includeUsage) events.push(usageChunk(identity, reply.usage))
      if (reply.done) events.push(sseData('[DONE]'))
      return events
    },
  }
}

interface ToolCall {
  index: number
  id?: string
  type?: 'function'
  function: { name: string; arguments: string }
}

/** The whole reply as one `chat.completion` object, for `stream: false`: each choice's deltas joined. */
export function completionOf(identity: ReplyIdentity, reply: ChatReply): object {
  const messages = Array.from({ length: reply.choices }, (_, index) => ({
    content: [] as string[],
    reasoning: [] as string[],
    refusal: [] as string[],
    tools: new Map<number, ToolCall>(),
    finish: reply.finishReasons[index] ?? null,
  }))
  for (const { delta } of reply.deltas) {
    const message = messages[delta.index ?? 0]
    if (message === undefined) continue
    if (delta.content !== undefined) message.content.push(delta.content)
    if (delta.reasoning_content !== undefined) message.reasoning.push(delta.reasoning_content)
    if (delta.refusal !== undefined) message.refusal.push(delta.refusal)
    for (const call of delta.tool_calls ?? []) {
      const merged = message.tools.get(call.index) ?? {
        index: call.index,
        function: { name: '', arguments: '' },
      }
      if (call.id !== undefined) merged.id = call.id
      if (call.type !== undefined) merged.type = call.type
      merged.function.name += call.function?.name ?? ''
      merged.function.arguments += call.function?.arguments ?? ''
      message.tools.set(call.index, merged)
    }
    if (delta.finish_reason !== undefined) message.finish = delta.finish_reason
  }
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: messages.map((message, index) => ({
      index,
      message: {
        role: 'assistant',
        // Like OpenAI: a reply made only of tool calls has no content at all.
        content:
          message.content.length > 0 || message.tools.size === 0 ? message.content.join('') : null,
        refusal: message.refusal.length > 0 ? message.refusal.join('') : null,
        annotations: [],
        ...(message.reasoning.length > 0 && { reasoning_content: message.reasoning.join('') }),
        ...(message.tools.size > 0 && {
          tool_calls: [...message.tools.values()].map((call) => ({
            id: call.id ?? `call_${call.index}`,
            type: call.type ?? 'function',
            function: call.function,
          })),
        }),
      },
      logprobs: null,
      finish_reason: message.finish,
    })),
    usage: reply.usage,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  }
}
