import {
  ChatStreamError,
  UsageTally,
  addUsage,
  resumeChat,
  streamChat,
} from '@typewriter-chat/core'
import type {
  ChatRequest,
  ChatStreamEvent,
  FinishReason,
  StreamChatOptions,
  TypewriterClock,
} from '@typewriter-chat/core'
import { fullText } from './chat-message.js'
import type { ChatMessageItem, ChatToolCallItem } from './chat-message.js'
import { createReplyTimer } from './reply-metrics.js'
import { createTextPacer } from './text-pacer.js'
import type { TypewriterSetting } from './text-pacer.js'
import { createThinkSplitter } from './think-tags.js'
import type { ThinkSplit } from './think-tags.js'

/** How a reply ended. */
export type ReplyEnd = 'done' | 'stopped' | 'cancelled' | { error: ChatStreamError }

/** How far a running reply got, consistent with itself: what to save so a reload can resume it. */
export interface ReplyProgress {
  /** The server's `X-Stream-Id`, once it answered with one. */
  streamId: string | undefined
  /** The stream's last event, whose text `received` includes. */
  lastEventId: string
  /** Everything received, shown or not. */
  received: string
  reasoning: string
}

/** One request streaming into one assistant message. */
export interface ReplyRun {
  /** How far the reply got; read it between events (a timer does), where it is exact. */
  progress(): ReplyProgress
  /** Stop pressed: aborts the request, freezes the text where it is and marks the message stopped. */
  stop(): void
  /** Aborts without touching the message (the conversation was cleared or the scope disposed). */
  cancel(): void
  /** Resolves with how the reply ended; never rejects. */
  readonly ended: Promise<ReplyEnd>
}

/** What {@link runReply} needs. */
export interface ReplyInput {
  /** The request to send, or the reply a server still holds to follow (after a reload). */
  source: { request: ChatRequest } | { streamId: string; lastEventId: string }
  stream: Omit<StreamChatOptions, 'signal'>
  /** The assistant message at the start: empty, or the reply being continued. */
  message: ChatMessageItem
  typewriter: TypewriterSetting
  clock: TypewriterClock | undefined
  /** Replaces the message with a changed copy. */
  update: (change: (message: ChatMessageItem) => ChatMessageItem) => void
  /** The first event arrived: the answer is streaming. */
  onStreaming: () => void
  onDelta: (type: 'content' | 'reasoning', text: string) => void
}

/** The message with `content` and, only when it differs, `received`. */
function withText(message: ChatMessageItem, content: string, received: string): ChatMessageItem {
  const { received: _previous, error: _error, ...rest } = message
  return received === content ? { ...rest, content } : { ...rest, content, received }
}

/**
 * Streams `request` into `message`: content through the `<think>` splitter and the typewriter,
 * reasoning as it arrives, then finish reason, usage and speed. Never retries the request.
 */
export function runReply(input: ReplyInput): ReplyRun {
  const { message: base, update } = input
  const splitter = createThinkSplitter(fullText(base) === '')
  const timer = createReplyTimer()
  const tally = new UsageTally()
  let round = 0
  let reasoning = base.reasoning
  let finishReason: FinishReason | undefined
  // By the stream's index: fragments of one call share it, in any order of arrival.
  const toolCalls: ChatToolCallItem[] = []
  let streaming = false
  // Set once by stop() or cancel(); `settled` once the reply finished or failed on its own.
  let interrupted: 'stopped' | 'cancelled' | undefined
  let settled = false

  const pacer = createTextPacer({
    setting: input.typewriter,
    clock: input.clock,
    shown: base.content,
    hidden: fullText(base).slice(base.content.length),
    onUpdate: (visible) => update((message) => ({ ...message, content: visible })),
  })
  if (pacer.visible !== base.content) update((message) => ({ ...message, content: pacer.visible }))
  const { source } = input
  const resumed = 'streamId' in source
  const stream = resumed
    ? resumeChat(source.streamId, { ...input.stream, lastEventId: source.lastEventId })
    : streamChat(source.request, input.stream)
  let streamId = resumed ? source.streamId : undefined
  stream.response.then(
    (response) => (streamId ??= response.headers.get('x-stream-id') ?? undefined),
    () => {},
  )

  const take = (split: ThinkSplit): void => {
    if (split.reasoning !== '') {
      reasoning += split.reasoning
      update((message) => ({ ...message, reasoning }))
      input.onDelta('reasoning', split.reasoning)
    }
    if (split.content !== '') {
      pacer.push(split.content)
      input.onDelta('content', split.content)
    }
  }

  const handle = (event: ChatStreamEvent): void => {
    if (interrupted !== undefined) return
    if (!streaming) {
      streaming = true
      input.onStreaming()
    }
    if (event.type === 'continuation') round = event.round
    if (event.type === 'usage') tally.record(event.usage, round)
    if (event.type === 'usage' || event.type === 'meta' || event.type === 'continuation') return
    if (event.choice !== 0) return
    if (event.type === 'finish') finishReason = event.reason
    if (event.type === 'finish') return
    tally.countChunk(round)
    if (event.type === 'tool-call') {
      const call = toolCalls[event.index]
      // Some servers repeat id and name on every fragment; the first one is the call's (core's rule).
      toolCalls[event.index] = {
        id: call?.id || (event.id ?? ''),
        name: call?.name || (event.name ?? ''),
        arguments: (call?.arguments ?? '') + event.argumentsDelta,
      }
      const calls = toolCalls.filter(Boolean)
      update((message) => ({ ...message, toolCalls: calls }))
      return
    }
    timer.token()
    if (event.type === 'content') take(splitter.push(event.text))
    else if (event.type === 'reasoning') take({ content: '', reasoning: event.text })
    else take({ content: event.text, reasoning: '' })
  }

  /**
   * Usage and speed of the whole reply so far: this request's, by core's rule (a stopped request
   * counted from its chunks), added to what the reply had before it was continued.
   */
  const spent = (): Pick<ChatMessageItem, 'usage' | 'usageEstimated' | 'metrics'> => {
    const estimate = tally.estimate
    const usage =
      estimate === undefined || base.usage === undefined
        ? (estimate?.usage ?? base.usage)
        : addUsage(base.usage, estimate.usage)
    const estimated = base.usageEstimated === true || estimate?.approximate === true
    return {
      ...(usage === undefined ? {} : { usage }),
      ...(estimated ? { usageEstimated: true } : {}),
      metrics: timer.finish(base.metrics, usage?.completion_tokens, estimated),
    }
  }

  async function run(): Promise<ReplyEnd> {
    try {
      for await (const event of stream) handle(event)
      if (interrupted !== undefined) return interrupted
      const result = await stream.result()
      take(splitter.flush())
      await pacer.finish()
      if (interrupted !== undefined) return interrupted
      settled = true
      // A resumed reply is the same answer carried on, not a continuation of it.
      const continued = fullText(base) !== '' && !resumed
      const rounds =
        (base.continuationRounds ?? 0) + (continued ? 1 : 0) + result.continuationRounds
      update((message) => ({
        ...withText(message, pacer.received, pacer.received),
        status: 'done',
        ...(finishReason === undefined ? {} : { finishReason }),
        ...spent(),
        ...(rounds > 0 ? { continuationRounds: rounds } : {}),
      }))
      return 'done'
    } catch (caught) {
      if (interrupted !== undefined) return interrupted
      settled = true
      const error = ChatStreamError.isInstance(caught)
        ? caught
        : new ChatStreamError('network_error', String(caught), { cause: caught })
      take(splitter.flush())
      // The reply failed: everything that arrived is shown at once rather than typed after the error.
      pacer.reveal()
      pacer.dispose()
      update((message) => ({
        ...withText(message, pacer.received, pacer.received),
        status: 'error',
        error,
        ...spent(),
      }))
      return { error }
    }
  }

  const ended = run()
  return {
    progress: () => ({
      streamId,
      lastEventId: stream.lastEventId,
      received: pacer.received,
      reasoning,
    }),
    stop() {
      if (interrupted !== undefined || settled) return
      interrupted = 'stopped'
      pacer.stop()
      stream.abort()
      const flushed = splitter.flush()
      reasoning += flushed.reasoning
      pacer.push(flushed.content)
      update((message) => ({
        ...withText(message, pacer.visible, pacer.received),
        reasoning,
        status: 'stopped',
        ...spent(),
      }))
    },
    cancel() {
      if (interrupted !== undefined || settled) return
      interrupted = 'cancelled'
      pacer.dispose()
      stream.abort()
    },
    ended,
  }
}
