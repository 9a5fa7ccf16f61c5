import type { RequestLogInfo } from '../log/request-log.js'
import { recordTokens } from './reply-usage.js'
import { TERMINAL_EVENTS, type ResponseEvent } from '../upstream/stream-responses.js'

/**
 * What a Responses API reply consumed, for its log record: the usage of its terminal event, or,
 * for a reply that ended before one (the client left), one output token per delta event.
 */
export class ResponseUsageLog {
  #deltas = 0
  #final: ResponseEvent['response'] | undefined
  /** The last event's sequence number: an error event the relay adds comes next. */
  lastSequence = -1

  add(event: ResponseEvent): void {
    if (typeof event.sequence_number === 'number') this.lastSequence = event.sequence_number
    if (event.type.endsWith('.delta')) this.#deltas++
    if (TERMINAL_EVENTS.has(event.type)) this.#final = event.response
  }

  record(info: RequestLogInfo): void {
    const usage = this.#final?.usage ?? undefined
    recordTokens(
      info,
      usage && { prompt: usage.input_tokens, completion: usage.output_tokens },
      this.#deltas,
    )
  }
}
