import { toAssistantMessage } from '../chat/index.js'
import type { AccumulatedChoice, AccumulatedMeta, ChatAccumulator } from '../chat/index.js'
import type { ChatMessage, ChatStreamEvent, ChatUsage, FinishReason } from '../chat/types.js'

/** What a finished (or stopped) {@link ChatStream} produced. */
export interface ChatStreamResult {
  /** `complete` when the server finished the reply, `aborted` when it was stopped before. */
  status: 'complete' | 'aborted'
  /** Choice 0 as an assistant message, ready to append to the history (partial when aborted). */
  message: ChatMessage
  /** Every choice (`n > 1` requests have several), with reasoning and tool calls. */
  choices: AccumulatedChoice[]
  /** Choice 0's `finish_reason`; `null` when aborted before it. */
  finishReason: FinishReason | null
  /** Token usage summed over continuation rounds, when the server reported it. */
  usage: ChatUsage | undefined
  /** `id`, `model` and `created` of the completion. */
  meta: AccumulatedMeta | undefined
  /** How many continuation rounds followed the first answer. */
  continuationRounds: number
}

/**
 * A streaming chat reply. Iterate it once for the events (or call {@link ChatStream.result} instead,
 * or after a partial iteration); both read the same single stream.
 */
export interface ChatStream extends AsyncIterable<ChatStreamEvent> {
  /**
   * Stops the reply now, like aborting `options.signal`: the request is cancelled (the server sees the
   * disconnect), iteration ends without an error, and what arrived is kept. No-op once finished.
   */
  abort(reason?: unknown): void
  /** True once the reply was stopped before it finished (by `abort()`, the signal, or an early `break`). */
  readonly aborted: boolean
  /**
   * The first request's response (`resumeChat`'s GET), once it was accepted (2xx,
   * `text/event-stream`): its headers, e.g. a request id or `X-Stream-Id`. Rejects like the stream
   * does when the request fails. Later resumes do not change it.
   */
  readonly response: Promise<Response>
  /**
   * The SSE id (`id:` line) of the last event whose chat events were all handed out; `''` before
   * any, when the server sends no ids, or over client-side continuation rounds. It moves once per
   * read of the body, after that read's events, so it is never ahead of the text handed out and
   * matches it exactly whenever the stream waits for data (in a timer callback, say). Saved with
   * that text, it is what `resumeChat(streamId, { lastEventId })` carries on after, for instance
   * after a page reload.
   */
  readonly lastEventId: string
  /** Reads the rest of the stream and resolves with the reply; rejects with the stream's error. */
  result(): Promise<ChatStreamResult>
}

/** How the event generator behind a {@link ChatStream} ended. @internal */
export type StreamOutcome =
  { kind: 'complete' } | { kind: 'aborted' } | { kind: 'failed'; error: unknown }

const EMPTY_CHOICE: AccumulatedChoice = {
  index: 0,
  role: 'assistant',
  content: '',
  reasoning: '',
  refusal: '',
  toolCalls: [],
  finishReason: null,
}

/**
 * The {@link ChatStream} object over an event generator that feeds `accumulator` and reports how it
 * ended through `outcome()` (`undefined` while it runs).
 * @internal
 */
export class ChatStreamImpl implements ChatStream {
  readonly response: Promise<Response>
  readonly #events: AsyncGenerator<ChatStreamEvent, void, undefined>
  readonly #accumulator: ChatAccumulator
  readonly #outcome: () => StreamOutcome | undefined
  readonly #isAborted: () => boolean
  readonly #abort: (reason?: unknown) => void
  readonly #lastEventId: () => string
  #result: Promise<ChatStreamResult> | undefined

  constructor(parts: {
    events: AsyncGenerator<ChatStreamEvent, void, undefined>
    accumulator: ChatAccumulator
    outcome: () => StreamOutcome | undefined
    isAborted: () => boolean
    abort: (reason?: unknown) => void
    response: Promise<Response>
    lastEventId: () => string
  }) {
    this.#events = parts.events
    this.#accumulator = parts.accumulator
    this.#outcome = parts.outcome
    this.#isAborted = parts.isAborted
    this.#abort = parts.abort
    this.response = parts.response
    this.#lastEventId = parts.lastEventId
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    return this.#events
  }

  abort(reason?: unknown): void {
    this.#abort(reason)
  }

  get aborted(): boolean {
    return this.#isAborted()
  }

  get lastEventId(): string {
    return this.#lastEventId()
  }

  result(): Promise<ChatStreamResult> {
    this.#result ??= this.#finish()
    return this.#result
  }

  async #finish(): Promise<ChatStreamResult> {
    while (!(await this.#events.next()).done);
    const outcome = this.#outcome()
    if (outcome?.kind === 'failed') throw outcome.error
    const accumulator = this.#accumulator
    const choices = accumulator.choices
    const first = choices.find((choice) => choice.index === 0) ?? EMPTY_CHOICE
    return {
      status: outcome?.kind === 'complete' ? 'complete' : 'aborted',
      message: toAssistantMessage(first),
      choices,
      finishReason: first.finishReason,
      usage: accumulator.usage,
      meta: accumulator.meta,
      continuationRounds: accumulator.continuationRounds,
    }
  }
}
