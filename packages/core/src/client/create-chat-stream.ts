import { ChatAccumulator } from '../chat/index.js'
import type { ChatStreamEvent } from '../chat/types.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { ChatStreamImpl } from './chat-stream.js'
import type { ChatStream, StreamOutcome } from './chat-stream.js'
import type { OpenRound, RoundContext } from './open-round.js'
import { stopOnServer } from './stop-on-server.js'
import type { StreamChatOptions } from './stream-chat.js'
import { streamIdOf } from './stream-url.js'

/** How one kind of chat stream starts and reads. @internal */
export interface StreamPlan {
  /** Sends the first request; called at once, so `response` resolves without iterating. */
  open(context: RoundContext): Promise<OpenRound>
  /** The events, from the first round on. */
  events(first: Promise<OpenRound>, context: RoundContext): AsyncIterable<ChatStreamEvent>
  /** The generation read, when known before any answer (a resume by id). */
  streamId?: string
  /** The event the stream starts after (a resume by id). */
  lastEventId?: string
}

/**
 * The {@link ChatStream} of `streamChat` and `resumeChat`: one abort controller for every request,
 * stall timeouts, a clean stop (which also stops the server's generation when there is one), and
 * every failure as a `ChatStreamError`.
 * @internal
 */
export function createChatStream(
  options: Omit<StreamChatOptions, 'continueOnLength'>,
  plan: StreamPlan,
): ChatStream {
  const controller = new AbortController()
  const signal = controller.signal
  const accumulator = new ChatAccumulator()
  let outcome: StreamOutcome | undefined
  let userAborted = false
  let timeout: ChatStreamError | undefined

  const doFetch = options.fetch ?? fetch
  // Set once the request is sent. Only an accepted request names a generation: before that, the
  // hang-up alone stops the server.
  const firstRequest: { sent?: Promise<OpenRound> } = {}
  const stopGeneration = (): void => {
    const named =
      plan.streamId === undefined
        ? firstRequest.sent?.then((round) => streamIdOf(round.response))
        : Promise.resolve(plan.streamId)
    void named?.then(
      (id) => {
        if (id !== undefined) stopOnServer(id, options.url, doFetch, options.headers)
      },
      () => {},
    )
  }
  const abort = (reason?: unknown): void => {
    if (outcome !== undefined || signal.aborted) return
    userAborted = true
    controller.abort(reason)
    stopGeneration()
  }
  const onSignal = (): void => abort(options.signal?.reason)
  if (options.signal?.aborted) abort(options.signal.reason)
  else options.signal?.addEventListener('abort', onSignal, { once: true })

  const resume = options.resume ?? true
  const context: RoundContext = {
    url: options.url,
    fetch: doFetch,
    headers: options.headers,
    extraBody: options.body,
    firstByteTimeoutMs: options.firstByteTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    resume: resume === false ? undefined : resume === true ? {} : resume,
    signal,
    onTimeout(error) {
      timeout ??= error
      controller.abort(error)
    },
    watchdogs: new Set(),
    lastEventId: plan.lastEventId ?? '',
  }

  const first = plan.open(context)
  firstRequest.sent = first
  const response = first.then((round) => round.response)
  // Both are awaited where they are used; a caller that never looks must not get an unhandled rejection.
  first.catch(() => {})
  response.catch(() => {})

  async function* run(): AsyncGenerator<ChatStreamEvent, void, undefined> {
    try {
      for await (const event of plan.events(first, context)) {
        // Events decoded from the same read are handed out synchronously: stop exactly at the abort.
        if (signal.aborted) break
        accumulator.add(event)
        yield event
      }
      if (timeout !== undefined) throw timeout
      outcome = signal.aborted ? { kind: 'aborted' } : { kind: 'complete' }
    } catch (error) {
      if (timeout !== undefined) {
        outcome = { kind: 'failed', error: timeout }
        throw timeout
      }
      if (userAborted) {
        outcome = { kind: 'aborted' }
        return
      }
      const failure = ChatStreamError.isInstance(error)
        ? error
        : new ChatStreamError('network_error', 'Reading the chat stream failed.', { cause: error })
      outcome = { kind: 'failed', error: failure }
      throw failure
    } finally {
      if (outcome === undefined) {
        // The consumer left the loop early: that is a stop too, and the server must hear of it.
        outcome = { kind: 'aborted' }
        userAborted = true
        stopGeneration()
      }
      if (!signal.aborted) controller.abort()
      options.signal?.removeEventListener('abort', onSignal)
      for (const watchdog of context.watchdogs) watchdog.stop()
    }
  }

  return new ChatStreamImpl({
    events: run(),
    accumulator,
    outcome: () => outcome,
    isAborted: () => userAborted,
    abort,
    response,
    lastEventId: () => context.lastEventId,
  })
}
