import type { ChatRequest } from '@typewriter-chat/core'
import { RelayError } from '../http/relay-error.js'
import type { RequestLogInfo } from '../log/request-log.js'
import { openChunkSource } from '../upstream/chunk-source.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import type { EventLog, StreamEvent } from './event-log.js'
import { ReplyUsage } from './reply-usage.js'
import type { FollowedStream } from './shared-streams.js'

/** Options of {@link Generation}. */
export interface GenerationOptions {
  /** Unguessable: whoever knows it may resume and stop the reply. */
  id: string
  /** Continue replies cut by the token limit. */
  continuation: boolean
  /** Where to write. */
  log: EventLog
  /** The generation's log record (the starting request's): usage, error code, cancel. */
  info: RequestLogInfo
  /** Largest total size of the events' data, in UTF-8 bytes; past it, `stream_too_large`. */
  maxBytes: number
  /** How long a generation with no subscriber left goes on, waiting for a resume. */
  resumeGraceMs: number
  /**
   * Asked when the grace runs out: whether a response on another relay instance follows the
   * reply, which then goes on. Without it, only this instance's responses count.
   */
  followedElsewhere?: () => Promise<boolean>
}

/** The relay is closing: what open generations end with, and new ones are refused with. */
export function shuttingDown(): RelayError {
  const message = 'The relay is shutting down; send the request again.'
  return new RelayError('server_shutting_down', message, { status: 503 })
}

function stopped(): RelayError {
  return new RelayError('stream_stopped', 'The reply was stopped.', { status: 499 })
}

function tooLarge(maxBytes: number): RelayError {
  const message = `The reply grew past the relay's stream bound (${maxBytes} bytes of events).`
  return new RelayError('stream_too_large', message, { status: 502 })
}

/**
 * One reply, decoupled from the HTTP response that asked for it: it reads the upstream at its own
 * pace (never slowed by a subscriber) into its {@link EventLog}, bounded by `maxBytes`, and every
 * response that follows it is a subscriber of that log. Ends with `[DONE]`, or with one in-band
 * error event (upstream failure, `stream_too_large`, `stream_stopped`, `server_shutting_down`).
 *
 * Until the upstream accepted the request nothing is logged: a refusal is {@link accepted}'s
 * answer, sent by the starting request as a real HTTP status.
 */
export class Generation implements FollowedStream {
  readonly id: string
  readonly log: EventLog
  /** Resolves once the upstream accepted the request (`undefined`), or with why it did not. */
  readonly accepted: Promise<RelayError | undefined>
  /** Resolves once the generation ended and its log is closed. */
  readonly finished: Promise<void>
  readonly #options: GenerationOptions
  readonly #stop = new AbortController()
  #accept: (failure: RelayError | undefined) => void = () => {}
  #isAccepted = false
  #subscribers = 0
  #grace: NodeJS.Timeout | undefined
  #bytes = 0
  #done = false
  /** Why the generation was ended before the upstream did, when that must be told in-band. */
  #ending: RelayError | undefined

  constructor(relay: RelayContext, request: ChatRequest, options: GenerationOptions) {
    this.#options = options
    this.id = options.id
    this.log = options.log
    this.accepted = new Promise((resolve) => (this.#accept = resolve))
    this.finished = this.#run(relay, request)
  }

  /** True once the reply ended (its log may still be read). */
  get ended(): boolean {
    return this.#stop.signal.aborted || this.#done
  }

  /** Stops the reply for every subscriber (a `stream_stopped` event) and cancels the upstream. */
  stop(): void {
    this.#end(stopped())
  }

  /** Ends the reply with a `server_shutting_down` event (or a 503 before it started). */
  shutDown(): void {
    this.#end(shuttingDown())
  }

  /** Cancels the reply without a word: nobody is left to read it. */
  cancel(): void {
    if (this.ended) return
    this.#options.info.aborted = true
    this.#stop.abort(new Error('Nobody follows the reply any more.'))
  }

  read(after: number, signal: AbortSignal): AsyncIterable<StreamEvent> {
    return this.log.read(after, signal)
  }

  /** A response follows the reply: while any does, a hang-up of another is not a cancel. */
  subscribe(): void {
    this.#subscribers += 1
    clearTimeout(this.#grace)
  }

  /** A response stopped following; the last one leaves the reply `resumeGraceMs` to be resumed. */
  unsubscribe(): void {
    this.#subscribers -= 1
    if (this.#subscribers > 0 || this.ended) return
    if (this.#options.resumeGraceMs === 0) this.cancel()
    else this.#waitForResume()
  }

  #waitForResume(): void {
    this.#grace = setTimeout(() => void this.#graceOver(), this.#options.resumeGraceMs).unref()
  }

  async #graceOver(): Promise<void> {
    // A store that cannot answer cannot vouch for a follower: the reply is given up, as without one.
    const elsewhere = await this.#options.followedElsewhere?.().catch(() => false)
    if (this.#subscribers > 0 || this.ended) return
    if (elsewhere === true) this.#waitForResume()
    else this.cancel()
  }

  #end(reason: RelayError): void {
    if (this.ended) return
    this.#ending = reason
    this.#stop.abort(reason)
  }

  #append(data: string, bytes = Buffer.byteLength(data)): void {
    this.#bytes += bytes
    this.log.append(data)
  }

  #fail(error: RelayError): void {
    if (!this.#isAccepted) {
      this.#accept(error)
      return
    }
    this.#options.info.errorCode = error.code
    this.#append(JSON.stringify(error.toJSON()))
  }

  #accepted = (): void => {
    if (this.#isAccepted) return
    this.#isAccepted = true
    this.#accept(undefined)
  }

  async #run(relay: RelayContext, request: ChatRequest): Promise<void> {
    const { info, maxBytes } = this.#options
    const usage = new ReplyUsage()
    const signal = this.#stop.signal
    try {
      const chunks = openChunkSource(relay, request, {
        continuation: this.#options.continuation,
        signal,
        onAccepted: this.#accepted,
      })
      // for-await closes the chunks when the loop is left early, which cancels the upstream call.
      for await (const chunk of chunks) {
        usage.add(chunk)
        this.#accepted()
        const data = JSON.stringify(chunk)
        const bytes = Buffer.byteLength(data)
        if (this.#bytes + bytes > maxBytes) {
          this.#end(tooLarge(maxBytes))
          break
        }
        this.#append(data, bytes)
      }
      // The chunks end quietly when the reply was ended early: what comes next depends on why.
      if (this.#ending !== undefined) this.#fail(this.#ending)
      else if (!signal.aborted) {
        this.#accepted()
        this.#append('[DONE]')
      }
    } catch (error) {
      if (!signal.aborted || this.#ending !== undefined) {
        this.#fail(this.#ending ?? mapUpstreamError(error, relay.secrets, relay.config.logger))
      }
    } finally {
      this.#done = true
      clearTimeout(this.#grace)
      // A generation cancelled before the upstream answered tells its starter so.
      this.#accept(signal.aborted ? (this.#ending ?? stopped()) : undefined)
      usage.record(info)
      this.log.close()
    }
  }
}
