import type { ChatRequest } from '../chat/types.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import type { ResumeOptions } from './resume-stream.js'
import { sendChatRequest } from './send-chat-request.js'
import type { ChatRequestInit } from './send-chat-request.js'
import { StallWatchdog } from './stall-watchdog.js'
import { stallError, watchBody } from './watch-body.js'

/** An accepted answer and its body, watched for stalls. @internal */
export interface OpenRound {
  response: Response
  body: ReadableStream<Uint8Array>
}

/** What every request of one `streamChat` call shares. @internal */
export interface RoundContext {
  url: string | URL
  fetch: typeof fetch
  headers: HeadersInit | undefined
  extraBody: Record<string, unknown> | undefined
  firstByteTimeoutMs: number | undefined
  idleTimeoutMs: number | undefined
  /** How a dropped stream is resumed, where the server names it; `undefined`: not at all. */
  resume: ResumeOptions | undefined
  signal: AbortSignal
  /** Called when a stall timer fires; expected to abort `signal`. */
  onTimeout: (error: ChatStreamError) => void
  /** Every watchdog created, so the caller can stop them all when the stream ends. */
  watchdogs: Set<StallWatchdog>
  /** The id of the last event whose chat events were handed out (see `ChatStream.lastEventId`). */
  lastEventId: string
}

function serialize(request: ChatRequest, extra: Record<string, unknown> | undefined): string {
  try {
    return JSON.stringify({ ...request, ...extra, stream: true })
  } catch (cause) {
    throw new ChatStreamError('invalid_request', 'The chat request cannot be sent as JSON.', {
      cause,
    })
  }
}

/**
 * Sends one round's request under its own stall watchdog and returns the accepted answer.
 * @internal
 */
export async function openRound(request: ChatRequest, context: RoundContext): Promise<OpenRound> {
  const body = serialize(request, context.extraBody)
  const headers = new Headers(context.headers)
  if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  return openWatched({ url: context.url, headers, body }, context)
}

/**
 * Sends `init` (`Accept: text/event-stream` set) under a new stall watchdog of `context` and
 * returns the accepted answer, its body watched.
 * @internal
 */
export async function openWatched(
  init: Pick<ChatRequestInit, 'url' | 'headers' | 'body'>,
  context: RoundContext,
): Promise<OpenRound> {
  init.headers.set('accept', 'text/event-stream')
  if (context.signal.aborted) throw new ChatStreamError('aborted', 'The chat stream was aborted.')
  const watchdog = new StallWatchdog({
    firstByteTimeoutMs: context.firstByteTimeoutMs,
    idleTimeoutMs: context.idleTimeoutMs,
    onStall: (kind, ms) => context.onTimeout(stallError(kind, ms)),
  })
  context.watchdogs.add(watchdog)
  watchdog.wait()
  try {
    const response = await sendChatRequest({
      ...init,
      fetch: context.fetch,
      signal: context.signal,
    })
    // Headers alone are not the first byte; the timer restarts when the body is read.
    watchdog.pause()
    return { response, body: watchBody(response.body ?? new ReadableStream(), watchdog) }
  } catch (error) {
    watchdog.stop()
    throw error
  }
}
