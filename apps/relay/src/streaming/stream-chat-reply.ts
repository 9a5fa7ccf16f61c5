import type { ChatCompletionChunk, ChatRequest } from '@typewriter-chat/core'
import type { Response } from 'express'
import { sendError } from '../http/error-handler.js'
import { RelayError } from '../http/relay-error.js'
import { requestLog } from '../log/request-log.js'
import type { RequestLogInfo } from '../log/request-log.js'
import { openChunkFlow } from '../upstream/chunk-source.js'
import type { ChunkFlow, ChunkSink } from '../upstream/chunk-sink.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { SSEWriter } from './sse-writer.js'
import type { DrainOutcome } from './sse-writer.js'
import { ReplyUsage } from './reply-usage.js'

/**
 * Streams one reply as `text/event-stream` in OpenAI's chunk format, ending with `data: [DONE]`.
 *
 * The response opens as soon as the upstream accepts the request, so upstream refusals (401, 429,
 * 5xx...) still become real HTTP statuses. After that, a failure is one `data: {"error": ...}` event
 * and the stream ends without `[DONE]`, which every client reads as "not a normal end".
 *
 * A client that takes no byte for `clientStallMs` while its socket is full loses its stream (and
 * the upstream call is cancelled); when the relay shuts down (`config.signal`), an open stream ends
 * with a `server_shutting_down` error event.
 */
export function streamChatReply(
  relay: RelayContext,
  request: ChatRequest,
  res: Response,
  options: StreamChatReplyOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const reply = new ChatReply(relay, res, options.usage ?? true, resolve, reject)
    reply.start(request, options.continuation)
  })
}

/** Options of {@link streamChatReply}. */
export interface StreamChatReplyOptions {
  continuation: boolean
  /**
   * Send the upstream's usage chunk (`"choices": []`), which the relay always asks for. Default
   * true; OpenAI sends it only when `stream_options.include_usage` is set, and clients that read
   * `choices[0]` of every chunk break on it.
   */
  usage?: boolean
}

function shuttingDown(): RelayError {
  const message = 'The relay is shutting down; send the request again.'
  return new RelayError('server_shutting_down', message, { status: 503 })
}

/**
 * One streamed reply, fed by its chunk flow: each chunk is written to the client the moment it is
 * decoded from the upstream, in the same tick (no promise or iterator step per chunk).
 */
class ChatReply implements ChunkSink {
  readonly #relay: RelayContext
  readonly #res: Response
  readonly #done: () => void
  readonly #crashed: (error: unknown) => void
  readonly #sendUsage: boolean
  /** The client went away before the reply was complete. */
  #clientGone = false
  readonly #usage = new ReplyUsage()
  readonly #log: RequestLogInfo
  #flow: ChunkFlow | undefined
  #writer: SSEWriter | undefined
  #over = false
  /** Waiting for the client to take what was written: more chunks only add to the same wait. */
  #waiting = false

  constructor(
    relay: RelayContext,
    res: Response,
    sendUsage: boolean,
    done: () => void,
    crashed: (error: unknown) => void,
  ) {
    this.#relay = relay
    this.#res = res
    this.#sendUsage = sendUsage
    this.#done = done
    this.#crashed = crashed
    this.#log = requestLog(res)
    // The RESPONSE's `close`: a POST's request closes once its body was read (better-sse #116).
    res.once('close', this.#onClose)
  }

  start(request: ChatRequest, continuation: boolean): void {
    const shutdown = this.#relay.config.signal
    if (shutdown?.aborted === true) {
      this.#failWith(shuttingDown())
      return
    }
    shutdown?.addEventListener('abort', this.#onShutdown)
    this.#flow = openChunkFlow(this.#relay, request, { continuation }, this)
    // The client may have left already: stop the flow it will never read.
    if (this.#over) this.#flow.cancel()
  }

  /** The client hung up: the reply ends here, and so does the upstream call (`#finish`). */
  readonly #onClose = (): void => {
    if (this.#res.writableFinished || this.#over) return
    this.#clientGone = true
    this.#finish()
  }

  /** The relay is shutting down: what the upstream has not sent by now, it will not send here. */
  readonly #onShutdown = (): void => {
    if (!this.#over) this.fail(shuttingDown())
  }

  accepted(): void {
    if (this.#writer !== undefined || this.#over) return
    const { heartbeat, config } = this.#relay
    this.#writer = new SSEWriter(this.#res, heartbeat, config.clientStallMs)
    this.#writer.open()
  }

  chunk(chunk: ChatCompletionChunk, raw: string | undefined): boolean {
    if (this.#over) return true
    this.accepted()
    this.#usage.add(chunk)
    const writer = this.#writer
    if (writer === undefined) return true
    // Counted above for the log; sent only to a client that asked for it.
    if (!this.#sendUsage && chunk.usage != null && chunk.choices.length === 0) return true
    // An unchanged upstream chunk goes out as the upstream wrote it: no second serialisation.
    if (writer.send(raw ?? JSON.stringify(chunk))) return true
    if (!this.#waiting) {
      this.#waiting = true
      void writer.drained().then(this.#drained)
    }
    return false
  }

  readonly #drained = (outcome: DrainOutcome): void => {
    this.#waiting = false
    if (outcome === 'stalled') this.#stalled()
    else this.#flow?.resume()
  }

  /** The client stopped reading: its stream ends here, and so does the upstream call. */
  #stalled(): void {
    if (this.#over) return
    this.#log.errorCode = 'client_stalled'
    this.#finish()
    // Not even the end of the response would reach a client that takes nothing.
    this.#writer?.destroy()
  }

  end(): void {
    if (this.#over) return
    // The reader judged the reply complete: an incomplete one arrives as fail().
    try {
      this.accepted()
      this.#writer?.send('[DONE]')
      this.#finish()
    } catch (error) {
      this.#crash(error)
    }
  }

  fail(error: unknown): void {
    if (this.#over) return
    try {
      this.#failWith(mapUpstreamError(error, this.#relay.secrets, this.#relay.config.logger))
    } catch (unexpected) {
      this.#crash(unexpected)
    }
  }

  #failWith(error: RelayError): void {
    if (this.#writer === undefined) {
      // Nothing sent yet: a real HTTP error status.
      sendError(this.#res, error)
    } else {
      this.#log.errorCode = error.code
      this.#writer.send(JSON.stringify(error.toJSON()))
    }
    this.#finish()
  }

  /** A bug, not an upstream failure: Express' error handler gets it, as from any route. */
  #crash(error: unknown): void {
    this.#over = true
    this.#flow?.cancel()
    this.#crashed(error)
  }

  #finish(): void {
    this.#over = true
    this.#relay.config.signal?.removeEventListener('abort', this.#onShutdown)
    if (this.#clientGone) this.#log.aborted = true
    this.#usage.record(this.#log)
    this.#writer?.end()
    // Stops the upstream if the reply ended early (a no-op once the flow itself ended).
    this.#flow?.cancel()
    this.#done()
  }
}
