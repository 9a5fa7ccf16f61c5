import { readChatStream } from '../chat/parse-chat-stream.js'
import type { ChatRequest } from '../chat/types.js'
import type { ChatStream } from './chat-stream.js'
import { createChatStream } from './create-chat-stream.js'
import { openRound } from './open-round.js'
import { reconnectFor } from './resume-stream.js'
import type { ResumeOptions } from './resume-stream.js'

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
   * Resume the reply when the connection drops mid-stream, where the server offers it (it named
   * the reply in `X-Stream-Id`, as the relay does): `GET {url}/streams/{id}` with `Last-Event-ID`,
   * with backoff. Default `true` (4 attempts per drop, 250 ms doubling to 2 s); `false` fails at
   * the drop, as with servers that offer no resume.
   */
  resume?: boolean | ResumeOptions
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
 * A connection lost mid-reply (the body fails, or ends before the reply is complete) is resumed
 * where the server named its generation (`X-Stream-Id`, as the relay does): the stream carries on
 * from the next event, with nothing missing and nothing twice (see `options.resume`). Only when
 * that fails does the stream throw, with the error of the drop.
 *
 * Stopping (`abort()`, `options.signal`, or leaving the loop early) is a clean stop: the request is
 * cancelled, iteration ends without an error and the partial reply is kept. When the server named
 * its generation, it is also told to stop it (`POST {url}/streams/{id}/stop`): such a server may
 * otherwise keep generating for a while, waiting for a resume. The request is never re-sent; the
 * only further requests are resumes and client-side continuation rounds, when enabled.
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
  const continuation = options.continueOnLength
  return createChatStream(options, {
    open: (context) => openRound(request, context),
    async *events(first, context) {
      if (continuation === undefined || continuation === false) {
        const round = await first
        yield* readChatStream(round.body, {
          signal: context.signal,
          reconnect: reconnectFor(round, context),
          onEventId: (id) => (context.lastEventId = id),
        })
        return
      }
      const { continuedRounds } = await import('./continued-rounds.js')
      yield* continuedRounds(request, first, context, continuation === true ? {} : continuation)
    },
  })
}
