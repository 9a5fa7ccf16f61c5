/** The scripts and records of the fake upstream (see `fake-upstream.ts`). */
import type { IncomingMessage } from 'node:http'

/** What the fake upstream does with one request. All fields optional. */
export interface ReplyScript {
  /** Content pieces, one chunk each. Default `['Hello', ' world', '!']`. */
  pieces?: readonly string[]
  /** Pause between chunks, ms. Default 0. */
  delayMs?: number
  /** Pause before the response headers, ms. */
  headersDelayMs?: number
  /** Pause after the headers, before the first chunk, ms. */
  firstChunkDelayMs?: number
  /** Write every byte separately (with `byteDelayMs` between writes), splitting UTF-8 sequences. */
  byteByByte?: boolean
  byteDelayMs?: number
  /** `finish_reason` of the last content chunk. Default `'stop'`. */
  finishReason?: string
  /** Usage reported in the final chunk (when the request asked for it). Default: counted. */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
  /** Destroy the socket after this many content pieces (a mid-stream drop). */
  dropAfter?: number
  /** End the response cleanly after this many pieces, with no `finish_reason` and no `[DONE]`. */
  endAfter?: number
  /** Send an in-band `data: {"error": ...}` event after this many pieces, then end the response. */
  errorAfter?: { pieces: number; error: OpenAIErrorBody['error'] }
  /** Answer with this HTTP status and an OpenAI error body instead of a stream. */
  status?: number
  error?: OpenAIErrorBody['error']
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Readonly<Record<string, string>>
  /** Accept the request and never answer. */
  hang?: boolean
  /** Model name echoed in chunks. Default: the requested model. */
  model?: string
}

/** OpenAI's JSON error body. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null }
}

/** One request the fake upstream received. */
export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  /** Parsed JSON body (`undefined` when there was none or it was not JSON). */
  body: Record<string, unknown> | undefined
  /** `performance.now()` when the request arrived. */
  receivedAt: number
  /** `performance.now()` when the connection to the relay closed, once it did. */
  closedAt: number | undefined
  /** Resolves with `closedAt` once the response is over (finished or cut off). */
  closed: Promise<number>
  /** True when the response closed before the fake upstream finished it: the caller hung up. */
  abortedByClient: boolean
  /** Content pieces written so far (back-pressure and abort tests watch this). */
  piecesWritten: number
}
