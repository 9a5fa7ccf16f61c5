import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'

/** One request, recorded as it arrives and updated until its response is over. */
export interface MockRequest {
  method: string
  /** Path without the query, e.g. `/v1/chat/completions`. */
  path: string
  headers: IncomingHttpHeaders
  /** The parsed JSON body; `undefined` when there was none or it was not JSON. */
  body: Record<string, unknown> | undefined
  /** `clock()` when the request arrived. */
  receivedAt: number
  /** `clock()` when its connection closed, once it did. */
  closedAt: number | undefined
  /** Resolves with `closedAt` once the response is over (finished or cut off). */
  closed: Promise<number>
  /** True when the caller hung up before the mock finished the response. */
  abortedByClient: boolean
  /** Chunks (SSE events, or raw pieces) written so far: back-pressure and abort tests watch this. */
  chunksWritten: number
}

/** The recorder's handle on one request: the record, and how the mock marks its own hang-ups. */
export interface RecordedExchange {
  record: MockRequest
  /** Called before the mock destroys the socket on purpose, so the drop is not the client's. */
  markDroppedByMock(): void
}

/** Starts the record of `req`; it follows `res` until the connection closes. */
export function recordExchange(
  req: IncomingMessage,
  res: ServerResponse,
  clock: () => number,
): RecordedExchange {
  let markClosed!: (at: number) => void
  let droppedByMock = false
  const record: MockRequest = {
    method: req.method ?? 'GET',
    path: new URL(req.url ?? '/', 'http://mock').pathname,
    headers: req.headers,
    body: undefined,
    receivedAt: clock(),
    closedAt: undefined,
    closed: new Promise((resolve) => (markClosed = resolve)),
    abortedByClient: false,
    chunksWritten: 0,
  }
  res.once('close', () => {
    record.closedAt = clock()
    record.abortedByClient = !res.writableFinished && !droppedByMock
    markClosed(record.closedAt)
  })
  return { record, markDroppedByMock: () => (droppedByMock = true) }
}
