import type { ChatBody, Reconnect } from '../chat/read-sse-batches.js'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { openWatched } from './open-round.js'
import type { OpenRound, RoundContext } from './open-round.js'
import { streamIdOf, streamUrl } from './stream-url.js'

/** How a dropped stream is resumed: the `resume` option of `streamChat`. */
export interface ResumeOptions {
  /**
   * Reconnections tried after each drop before giving up. A drop after the stream moved on gets
   * them all again. Default 4.
   */
  attempts?: number
  /** The wait before the first reconnection, ms; doubled for each next one, with jitter. Default 250. */
  minDelayMs?: number
  /** The longest wait before a reconnection, ms. Default 2000. */
  maxDelayMs?: number
}

/**
 * `GET {url}/streams/{id}` with `Last-Event-ID` (none: from the start), the same headers as the
 * chat request but its content type, under its own stall watchdog: the rest of a generation.
 * @internal
 */
export function openResume(
  id: string,
  lastEventId: string,
  context: RoundContext,
): Promise<OpenRound> {
  const headers = new Headers(context.headers)
  headers.delete('content-type')
  if (lastEventId !== '') headers.set('last-event-id', lastEventId)
  return openWatched({ url: streamUrl(context.url, id), headers }, context)
}

/** A failed reconnection worth trying again: the network, or a server that may recover. */
function worthRetrying(error: unknown): boolean {
  if (!ChatStreamError.isInstance(error)) return false
  if (error.code === 'network_error') return true
  const status = error.status ?? 0
  return error.code === 'http_error' && (status >= 500 || status === 429 || status === 408)
}

/** Waits `ms`, or rejects with the signal's reason once it fires: Stop ends a backoff at once. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * How a reader carries on the generation `id` after a drop: up to `attempts` reconnections
 * with exponential backoff (half fixed, half random, so that clients cut at once do not come back
 * at once), each resuming after the last event read. A 404 (the stream expired) or any other
 * answer that will not change gives up at once. Giving up reports the drop itself (`lost`), as a
 * client that does not resume would: the reply is cut short, and the user may continue it.
 * @internal
 */
function reconnectTo(id: string, context: RoundContext, options: ResumeOptions): Reconnect {
  const attempts = options.attempts ?? 4
  const minDelay = options.minDelayMs ?? 250
  const maxDelay = options.maxDelayMs ?? 2000
  let failures = 0
  let resumedAfter: string | undefined
  return async (lost, lastEventId): Promise<ChatBody> => {
    if (lastEventId !== resumedAfter) {
      failures = 0
      resumedAfter = lastEventId
    }
    while (failures < attempts) {
      const delay = Math.min(maxDelay, minDelay * 2 ** failures++)
      await sleep(delay / 2 + (Math.random() * delay) / 2, context.signal)
      try {
        return (await openResume(id, lastEventId, context)).body
      } catch (error) {
        if (context.signal.aborted || !worthRetrying(error)) break
      }
    }
    throw lost
  }
}

/**
 * How the stream of `round` carries on after a drop, when resuming is on and the server named the
 * generation (`X-Stream-Id`, or `id` when the caller knows it); `undefined` otherwise: a plain
 * OpenAI-compatible server has nothing to resume, and a drop ends the reply as before.
 * @internal
 */
export function reconnectFor(
  round: OpenRound,
  context: RoundContext,
  id = streamIdOf(round.response),
): Reconnect | undefined {
  if (id === undefined || context.resume === undefined) return undefined
  return reconnectTo(id, context, context.resume)
}
