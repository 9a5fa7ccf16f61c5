import type { ChatCompletionChunk, ChatRequest } from '@typewriter-chat/core'
import type { Response } from 'express'
import { sendError } from '../http/error-handler.js'
import { upstreamIncomplete } from '../http/relay-error.js'
import { requestLog } from '../log/request-log.js'
import { rawPayloadOf } from '../upstream/chunk-reader.js'
import { openChunkSource } from '../upstream/chunk-source.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { abortOnClientClose } from './abort-on-close.js'
import { SSEWriter } from './sse-writer.js'
import { UsageTally } from './usage-tally.js'

/**
 * Streams one reply as `text/event-stream` in OpenAI's chunk format, ending with `data: [DONE]`.
 *
 * The response opens as soon as the upstream accepts the request, so upstream refusals (401, 429,
 * 5xx...) still become real HTTP statuses. After that, a failure is one `data: {"error": ...}` event
 * and the stream ends without `[DONE]`, which every client reads as "not a normal end".
 */
export async function streamChatReply(
  relay: RelayContext,
  request: ChatRequest,
  res: Response,
  options: { continuation: boolean },
): Promise<void> {
  const client = abortOnClientClose(res)
  const tally = new UsageTally()
  const log = requestLog(res)
  let accept!: () => void
  const accepted = new Promise<void>((resolve) => (accept = resolve))
  const source = openChunkSource(relay, request, {
    continuation: options.continuation,
    signal: client.signal,
    onAccepted: () => accept(),
  })
  const chunks = source[Symbol.asyncIterator]()
  let next: Promise<IteratorResult<ChatCompletionChunk>> = chunks.next()
  // Observed here, awaited below: a rejection after the race must not count as unhandled.
  next.catch(() => {})
  try {
    await Promise.race([accepted, next])
  } catch (error) {
    if (client.signal.aborted) log.aborted = true
    else sendError(res, mapUpstreamError(error, relay.secrets))
    return
  }
  if (client.signal.aborted) {
    log.aborted = true
    return
  }
  const writer = new SSEWriter(res, relay.heartbeat)
  writer.open()
  try {
    for (;;) {
      const result = await next
      if (result.done || client.signal.aborted) break
      const chunk = result.value
      tally.add(chunk)
      // An unchanged upstream chunk goes out as the upstream wrote it: no second serialisation.
      if (!writer.send(rawPayloadOf(chunk) ?? JSON.stringify(chunk))) await writer.drained()
      next = chunks.next()
    }
    if (client.signal.aborted) {
      log.aborted = true
      return
    }
    if (!tally.finished) throw upstreamIncomplete()
    writer.send('[DONE]')
  } catch (error) {
    if (client.signal.aborted) {
      log.aborted = true
      return
    }
    const relayError = mapUpstreamError(error, relay.secrets)
    log.errorCode = relayError.code
    writer.send(JSON.stringify(relayError.toJSON()))
  } finally {
    tally.record(log)
    writer.end()
    // Stops the upstream if the loop left early; a no-op when it ended (no abort, no error built).
    chunks.return?.().catch(() => {})
  }
}
