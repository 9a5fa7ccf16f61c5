import { SSEDecodeError } from './sse-decode-error.js'

/** One dispatched server-sent event. */
export interface SSEEvent {
  /** The event type; `"message"` when the stream named none. */
  event: string
  /** The data lines of the event joined with `\n`. */
  data: string
  /** The last event ID at dispatch time: kept across events until the server sets another, as the spec says. */
  id: string
  /** The reconnection time (ms) if a `retry` field arrived in this event's block. */
  retry?: number
}

/** Options of {@link SSEDecoder}. */
export interface SSEDecoderOptions {
  /** Called with the text of each comment line (the part after `:`, one leading space removed). */
  onComment?: (comment: string) => void
  /**
   * The longest line accepted, in characters (UTF-16 code units). Default 8 MiB: far above any chat
   * chunk, far below the ~512 MB at which a JavaScript string can grow no more.
   */
  maxLineLength?: number
  /** The largest event accepted (its data lines joined), in characters. Default 16 MiB. */
  maxEventSize?: number
}

const DEFAULT_MAX_LINE_LENGTH = 8 * 1024 * 1024
const DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024

const LF = 10
const COLON = 58
const SPACE = 32
const BOM = 0xfeff
const DIGITS = /^[0-9]+$/
const STREAM: TextDecodeOptions = { stream: true }
// The longest field name the format defines (`event`, `retry`).
const MAX_FIELD_LENGTH = 5

/** Whether `text` holds the field name `name` at `start` (the caller has checked the length). */
function isField(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if (text.charCodeAt(start + i) !== name.charCodeAt(i)) return false
  }
  return true
}

/**
 * A streaming decoder for `text/event-stream`, implementing the WHATWG "event stream interpretation".
 *
 * Feed it the body in chunks of any size; any split of the same bytes, down to single bytes, yields the
 * same events. One streaming UTF-8 decoder is kept per stream, so a multi-byte character split across
 * reads is never garbled, and a CR at the end of one read followed by an LF in the next is one line end.
 *
 * Lines and events are bounded (see {@link SSEDecoderOptions}): a server that never sends a line
 * break would otherwise grow one string until the process runs out of memory. Past a bound, `feed()`
 * throws an {@link SSEDecodeError} (under any split of the same bytes), and again on every later
 * call; events completed earlier in the same chunk are dropped with the stream.
 *
 * @example
 * ```ts
 * const decoder = new SSEDecoder()
 * for await (const chunk of response.body) for (const event of decoder.feed(chunk)) console.log(event.data)
 * ```
 */
export class SSEDecoder {
  // The BOM is stripped here, as the spec's algorithm does, not by TextDecoder: Node 24's decoder
  // keeps a BOM whose bytes arrive split across reads.
  readonly #utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
  readonly #onComment: ((comment: string) => void) | undefined
  readonly #maxLine: number
  readonly #maxEvent: number
  #failure: SSEDecodeError | undefined
  #started = false
  #skipLF = false
  #partialLine = ''
  #data = ''
  #hasData = false
  #eventType = ''
  #idBuffer = ''
  #lastEventId = ''
  #retry: number | undefined
  #pendingRetry: number | undefined

  constructor(options: SSEDecoderOptions = {}) {
    this.#onComment = options.onComment
    this.#maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH
    this.#maxEvent = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE
  }

  /** The reconnection time (ms) most recently announced by the stream, if any. */
  get retry(): number | undefined {
    return this.#retry
  }

  /** The last event ID string, as `EventSource.lastEventId` would report it. */
  get lastEventId(): string {
    return this.#lastEventId
  }

  /**
   * True while the stream is in the middle of an event: a partial line or fields not yet dispatched by
   * a blank line. If the stream ends now, that event is discarded, as the spec requires.
   */
  get hasPendingEvent(): boolean {
    return this.#partialLine.length > 0 || this.#hasData || this.#eventType.length > 0
  }

  /**
   * Decodes one chunk and returns the events completed by it.
   * @throws {SSEDecodeError} when the stream passed a bound, now or before.
   */
  feed(chunk: Uint8Array | string): SSEEvent[] {
    if (this.#failure !== undefined) throw this.#failure
    let text = typeof chunk === 'string' ? chunk : this.#utf8.decode(chunk, STREAM)
    // One leading BOM is dropped, once: text holding only the BOM still starts the stream, so a
    // second BOM is kept as data.
    if (!this.#started && text.length > 0) {
      this.#started = true
      if (text.charCodeAt(0) === BOM) text = text.slice(1)
    }
    if (text.length === 0) return []
    const events: SSEEvent[] = []
    try {
      this.#scan(text, events)
    } catch (error) {
      if (!SSEDecodeError.isInstance(error)) throw error
      // What was held for the refused line or event is released at once.
      this.#failure = error
      this.#partialLine = ''
      this.#resetEvent()
      throw error
    }
    return events
  }

  /**
   * Ends the stream: flushes the UTF-8 decoder and discards an undispatched event (per spec).
   * @returns whether an incomplete event was discarded.
   */
  end(): boolean {
    const tail = this.#utf8.decode()
    const discarded = tail.length > 0 || this.hasPendingEvent
    this.#partialLine = ''
    this.#resetEvent()
    this.#skipLF = false
    return discarded
  }

  #scan(text: string, events: SSEEvent[]): void {
    const length = text.length
    let pos = 0
    if (this.#skipLF) {
      this.#skipLF = false
      if (text.charCodeAt(0) === LF) pos = 1
    }
    // Positions of the next CR and LF are cached: re-searching both after every line would be
    // quadratic on reads that hold many lines but no CR at all.
    let nextLF = text.indexOf('\n', pos)
    let nextCR = text.indexOf('\r', pos)
    while (pos < length) {
      if (nextLF !== -1 && nextLF < pos) nextLF = text.indexOf('\n', pos)
      if (nextCR !== -1 && nextCR < pos) nextCR = text.indexOf('\r', pos)
      if (nextLF === -1 && nextCR === -1) {
        this.#checkLine(this.#partialLine.length + length - pos)
        this.#partialLine += text.slice(pos)
        return
      }
      const lfFirst = nextCR === -1 || (nextLF !== -1 && nextLF < nextCR)
      const end = lfFirst ? nextLF : nextCR
      let next = end + 1
      if (!lfFirst) {
        // A CR at the end of the read ends the line now (the event is dispatched at once); an LF
        // opening the next read belongs to this line end.
        if (next === length) this.#skipLF = true
        else if (text.charCodeAt(next) === LF) next++
      }
      this.#checkLine(this.#partialLine.length + end - pos)
      if (this.#partialLine.length > 0) {
        const line = this.#partialLine + text.slice(pos, end)
        this.#partialLine = ''
        this.#processLine(line, 0, line.length, events)
      } else {
        // Lines are read in place, by offsets: slicing each line before its value would double the
        // string allocations of the hot path.
        this.#processLine(text, pos, end, events)
      }
      pos = next
    }
  }

  /** Interprets the line `text[start, end)`. */
  #processLine(text: string, start: number, end: number, events: SSEEvent[]): void {
    if (start === end) {
      this.#dispatch(events)
      return
    }
    if (text.charCodeAt(start) === COLON) {
      if (this.#onComment) {
        const from = start + 1 < end && text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1
        this.#onComment(text.slice(from, end))
      }
      return
    }
    // The fields we know have names of at most 5 characters, so the colon is looked for in the first
    // 6 only: a line with a longer name is ignored whatever follows, and no line costs more than that.
    const limit = Math.min(end, start + MAX_FIELD_LENGTH + 1)
    let colon = start + 1
    while (colon < limit && text.charCodeAt(colon) !== COLON) colon++
    let fieldEnd = end
    let valueStart = end
    if (colon < limit) {
      fieldEnd = colon
      valueStart = colon + 1 < end && text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1
    } else if (end - start > MAX_FIELD_LENGTH) {
      return
    }
    switch (fieldEnd - start) {
      case 4:
        if (isField(text, start, 'data')) {
          const value = text.slice(valueStart, end)
          const size = this.#hasData ? this.#data.length + 1 + value.length : value.length
          if (size > this.#maxEvent) throw new SSEDecodeError('event_too_large', this.#maxEvent)
          if (this.#hasData) this.#data += '\n' + value
          else {
            this.#data = value
            this.#hasData = true
          }
        }
        break
      case 5:
        if (isField(text, start, 'event')) this.#eventType = text.slice(valueStart, end)
        else if (isField(text, start, 'retry')) {
          const value = text.slice(valueStart, end)
          if (DIGITS.test(value)) {
            this.#retry = Number.parseInt(value, 10)
            this.#pendingRetry = this.#retry
          }
        }
        break
      case 2:
        if (isField(text, start, 'id')) {
          const value = text.slice(valueStart, end)
          if (!value.includes('\0')) this.#idBuffer = value
        }
        break
      default:
        break
    }
  }

  #checkLine(length: number): void {
    if (length > this.#maxLine) throw new SSEDecodeError('line_too_long', this.#maxLine)
  }

  #dispatch(events: SSEEvent[]): void {
    this.#lastEventId = this.#idBuffer
    if (!this.#hasData) {
      this.#resetEvent()
      return
    }
    const event: SSEEvent = {
      event: this.#eventType.length > 0 ? this.#eventType : 'message',
      data: this.#data,
      id: this.#lastEventId,
    }
    if (this.#pendingRetry !== undefined) event.retry = this.#pendingRetry
    events.push(event)
    this.#resetEvent()
  }

  #resetEvent(): void {
    this.#data = ''
    this.#hasData = false
    this.#eventType = ''
    this.#pendingRetry = undefined
  }
}
