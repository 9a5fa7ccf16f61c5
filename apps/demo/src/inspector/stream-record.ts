/** One line of the raw stream inspector; `at` is milliseconds since the request was sent. */
export type StreamRecord =
  | { kind: 'request'; at: number; method: string; url: string }
  | { kind: 'response'; at: number; status: number; statusText: string; contentType: string }
  /** A dispatched SSE event: `id` is the last event ID, as the spec (and `EventSource`) define it. */
  | { kind: 'event'; at: number; id: string; event: string; data: string; retry?: number }
  /** An SSE comment line, e.g. the relay's `: ping` heartbeat; `text` is what follows the colon. */
  | { kind: 'comment'; at: number; text: string }
  /** The body of a response that is not an event stream (an HTTP error's JSON). */
  | { kind: 'body'; at: number; text: string }
  | { kind: 'end'; at: number; reason: StreamEnd; detail?: string }

/**
 * How the body ended: read to its end; cancelled by the reader (the chat stops reading after
 * `[DONE]`, and aborts the request on Stop); or failed (a dropped connection).
 */
export type StreamEnd = 'complete' | 'cancelled' | 'error'

/** Receives the records of each request; a `request` record starts a new exchange. */
export type StreamSink = (record: StreamRecord) => void
