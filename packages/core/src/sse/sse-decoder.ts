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
}

const LF = 10
const CR = 13
const COLON = 58
const SPACE = 32
const BOM = 0xfeff
const DIGITS = /^[0-9]+$/

/**
 * A streaming decoder for `text/event-stream`, implementing the WHATWG "event stream interpretation".
 *
 * Feed it the body in chunks of any size; any split of the same bytes, down to single bytes, yields the
 * same events. One streaming UTF-8 decoder is kept per stream, so a multi-byte character split across
 * reads is never garbled, and a CR at the end of one read followed by an LF in the next is one line end.
 *
 * @example
 * ```ts
 * const decoder = new SSEDecoder()
 * for await (const chunk of response.body) for (const event of decoder.feed(chunk)) console.log(event.data)
 * ```
 */
export class SSEDecoder {
  readonly #utf8 = new TextDecoder('utf-8')
  readonly #onComment: ((comment: string) => void) | undefined
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

  /** Decodes one chunk and returns the events completed by it. */
  feed(chunk: Uint8Array | string): SSEEvent[] {
    let text: string
    if (typeof chunk === 'string') {
      text = chunk
      // TextDecoder strips a leading BOM from bytes by itself; strings need it done here, once.
      if (!this.#started && text.charCodeAt(0) === BOM) text = text.slice(1)
    } else {
      text = this.#utf8.decode(chunk, { stream: true })
    }
    if (text.length === 0) return []
    this.#started = true
    const events: SSEEvent[] = []
    this.#scan(text, events)
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
    let pos = 0
    if (this.#skipLF) {
      this.#skipLF = false
      if (text.charCodeAt(0) === LF) pos = 1
    }
    // Positions of the next CR and LF are cached: re-searching both after every line would be
    // quadratic on chunks that hold many lines but no CR at all.
    let nextLF = text.indexOf('\n', pos)
    let nextCR = text.indexOf('\r', pos)
    while (pos < text.length) {
      if (nextLF !== -1 && nextLF < pos) nextLF = text.indexOf('\n', pos)
      if (nextCR !== -1 && nextCR < pos) nextCR = text.indexOf('\r', pos)
      if (nextLF === -1 && nextCR === -1) {
        this.#partialLine += text.slice(pos)
        return
      }
      let end: number
      let next: number
      if (nextCR === -1 || (nextLF !== -1 && nextLF < nextCR)) {
        end = nextLF
        next = nextLF + 1
      } else {
        end = nextCR
        if (nextCR + 1 < text.length) {
          next = text.charCodeAt(nextCR + 1) === LF ? nextCR + 2 : nextCR + 1
        } else {
          // A CR ends the line now (the event is dispatched at once); an LF opening the next chunk
          // belongs to this line end.
          next = nextCR + 1
          this.#skipLF = true
        }
      }
      let line = text.slice(pos, end)
      if (this.#partialLine.length > 0) {
        line = this.#partialLine + line
        this.#partialLine = ''
      }
      this.#processLine(line, events)
      pos = next
    }
  }

  #processLine(line: string, events: SSEEvent[]): void {
    if (line.length === 0) {
      this.#dispatch(events)
      return
    }
    if (line.charCodeAt(0) === COLON) {
      if (this.#onComment) {
        this.#onComment(line.charCodeAt(1) === SPACE ? line.slice(2) : line.slice(1))
      }
      return
    }
    const colon = line.indexOf(':')
    let field: string
    let value: string
    if (colon === -1) {
      field = line
      value = ''
    } else {
      field = line.slice(0, colon)
      value = line.charCodeAt(colon + 1) === SPACE ? line.slice(colon + 2) : line.slice(colon + 1)
    }
    switch (field) {
      case 'data':
        if (this.#hasData) this.#data += '\n' + value
        else {
          this.#data = value
          this.#hasData = true
        }
        break
      case 'event':
        this.#eventType = value
        break
      case 'id':
        if (!value.includes('\0')) this.#idBuffer = value
        break
      case 'retry':
        if (DIGITS.test(value)) {
          this.#retry = Number.parseInt(value, 10)
          this.#pendingRetry = this.#retry
        }
        break
      default:
        break
    }
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
