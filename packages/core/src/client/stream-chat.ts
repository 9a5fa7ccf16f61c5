import { ChatAccumulator, parseChatStream } from '../chat/index.js'
import type { ChatRequest, ChatStreamEvent } from '../chat/types.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { ChatStreamImpl } from './chat-stream.js'
import type { ChatStream, StreamOutcome } from './chat-stream.js'
import { openRound } from './open-round.js'
import type { RoundContext } from './open-round.js'
import { stopOnServer } from './stop-on-server.js'

/** Options of {@link streamChat}. */
export interface StreamChatOptions {
  /** The chat endpoint: the relay's `/api/chat`, or any OpenAI-compatible `/v1/chat/completions`. */
  url: string | URL
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: typeof fetch
  /** Extra request headers (e.g. `Authorization`). `Accept: text/event-stream` is always sent. */
  headers?: HeadersInit
  /** Stops the reply like {@link ChatStream.abort}: a clean stop, the partial reply is kept. */
  signal?: AbortSignal
  /**
   * Fails with `first_byte_timeout` (and cancels the request) when the server has not sent the first
   * bytes of the body this long after the request. Default: none.
   */
  firstByteTimeoutMs?: number
  /**
   * Fails with `idle_timeout` (and cancels the request) when no bytes arrive for this long in the
   * middle of the stream; SSE heartbeats (`: ping`) count. Default: none.
   */
  idleTimeoutMs?: number
  /**
   * Continue replies cut off by the token limit from the client, with `continueOnLength`. Default
   * `false`: the relay does it on the server. `true` uses its defaults (3 rounds).
   */
  continueOnLength?: boolean | { maxContinuations?: number; instruction?: string }
  /** Extra fields merged into the JSON body (e.g. `temperature`, `stream_options`). */
  body?: Record<string, unknown>
}

/**
 * Sends a chat request and streams the reply as {@link ChatStreamEvent}s.
 *
 * POSTs `{ ...request, ...options.body, stream: true }` as JSON, at once. A non-2xx answer throws
 * `ChatStreamError('http_error')` with the status, the OpenAI `type`/`code`/`param` and `retryAfter`;
 * a 2xx answer that is not `text/event-stream` throws `invalid_content_type`; a failed connection
 * throws `network_error`. In-band errors and lost connections throw as `parseChatStream` does, after
 * the events that came before them.
 *
 * Stopping (`abort()`, `options.signal`, or leaving the loop early) is a clean stop: the request is
 * cancelled, iteration ends without an error and the partial reply is kept. When the server named
 * its generation (`X-Stream-Id`, as the relay does), it is also told to stop it
 * (`POST {url}/streams/{id}/stop`): such a server may otherwise keep generating for a while, waiting
 * for a resume. The request is never re-sent; the only further requests are client-side
 * continuation rounds, when enabled.
 *
 * @example
 * ```ts
 * const stream = streamChat({ messages }, { url: '/api/chat', idleTimeoutMs: 30_000 })
 * stopButton.onclick = () => stream.abort()
 * for await (const event of stream) if (event.type === 'content') output.append(event.text)
 * const { message, status } = await stream.result()
 * ```
 */
export function streamChat(request: ChatRequest, options: StreamChatOptions): ChatStream {
  const controller = new AbortController()
  const signal = controller.signal
  const accumulator = new ChatAccumulator()
  let outcome: StreamOutcome | undefined
  let userAborted = false
  let timeout: ChatStreamError | undefined

  const doFetch = options.fetch ?? fetch
  // Set once the request is sent. Only an accepted request names a generation: before that, the
  // hang-up alone stops the server.
  const firstRequest: { sent?: Promise<{ response: Response }> } = {}
  const stopGeneration = (): void => {
    void firstRequest.sent?.then(
      (round) => stopOnServer(round.response, options.url, doFetch, options.headers),
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

  const context: RoundContext = {
    url: options.url,
    fetch: doFetch,
    headers: options.headers,
    extraBody: options.body,
    firstByteTimeoutMs: options.firstByteTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    signal,
    onTimeout(error) {
      timeout ??= error
      controller.abort(error)
    },
    watchdogs: new Set(),
  }

  // Sent now, not on first iteration, so `response` resolves without iterating.
  const first = openRound(request, context)
  firstRequest.sent = first
  const response = first.then((round) => round.response)
  // Both are awaited where they are used; a caller that never looks must not get an unhandled rejection.
  first.catch(() => {})
  response.catch(() => {})

  const continuation = options.continueOnLength
  async function* source(): AsyncGenerator<ChatStreamEvent, void, undefined> {
    if (continuation === undefined || continuation === false) {
      yield* parseChatStream((await first).body, { signal })
      return
    }
    const { continuedRounds } = await import('./continued-rounds.js')
    yield* continuedRounds(request, first, context, continuation === true ? {} : continuation)
  }

  async function* run(): AsyncGenerator<ChatStreamEvent, void, undefined> {
    try {
      for await (const event of source()) {
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
  })
}
