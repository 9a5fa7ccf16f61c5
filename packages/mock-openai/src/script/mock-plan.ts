import type { MockRequest } from '../server/mock-request.js'

/**
 * What the mock does with one chat request. Every field is optional: an empty plan is the mock
 * model's own answer, delivered as usual.
 */
export interface MockPlan {
  // What comes back
  /**
   * An HTTP status. An error status (>= 400) gets OpenAI's error body, unless `raw` gives the body:
   * then that body goes out with this status (an HTML error page from a proxy, a plain-text 503).
   */
  status?: number
  /** The error object for `status` (defaults per status, as OpenAI words them). */
  error?: MockErrorObject
  /** Extra response headers, e.g. `{ 'retry-after': '2' }`; none are added unasked. */
  headers?: Readonly<Record<string, string>>
  /**
   * The streamed deltas, one chunk each; a string is content for choice 0. Default: the mock
   * model's own answer to the request (directives included).
   */
  chunks?: readonly MockChunk[]
  /** The `id` every chunk (or the completion) carries. Default: a fresh `chatcmpl-…`. */
  id?: string
  /** The finish chunk sent for every choice that no chunk finished. Default `'stop'`; `null`: none. */
  finishReason?: string | null
  /** The usage chunk's usage (sent only when the request asked for it). Default: counted. */
  usage?: MockUsage
  /** End with `data: [DONE]`. Default true. */
  done?: boolean
  /** Write this body verbatim (after the headers) instead of chunks: malformed SSE, odd framing. */
  raw?: readonly (string | Uint8Array)[]
  /** Answer 200 with this JSON value as the body (e.g. a `chat.completion` to a streamed request). */
  json?: unknown
  /** The response's content-type (default per kind of answer). */
  contentType?: string
  // How it is delivered
  /** Cut the body into writes of at most this many bytes (1 = byte by byte; splits UTF-8). */
  writeSize?: number
  /**
   * Awaited before each chunk of a streamed reply (`index` into `chunks`, or into the mock model's
   * deltas) or piece of `raw`, and before the ending with `index` equal to their count: the chunk
   * waits until the test is ready, whatever the timing. A gate that throws or rejects hangs up.
   * Pacing resumes when it opens: `delayMs` counts from then.
   */
  beforeChunk?: (index: number) => void | PromiseLike<void>
  /** Pause between chunks (or writes), ms. Default 0 for scripted chunks. */
  delayMs?: number
  /** Pause before the response headers, ms. */
  headersDelayMs?: number
  /** Pause after the headers, before the first body byte, ms. */
  firstChunkDelayMs?: number
  // Misbehaviour
  /** Destroy the socket after this many chunks (a connection lost mid-reply). */
  dropAfter?: number
  /** End the response cleanly after this many chunks: no finish, no usage, no [DONE]. */
  endAfter?: number
  /** Send one in-band `data: {"error": ...}` event after this many chunks, then end. */
  errorAfter?: { chunks: number; error: MockErrorObject }
  /** Accept the request and never answer (`'headers'`: send the stream's headers, then nothing). */
  hang?: boolean | 'headers'
}

/** A plan chosen per request; `undefined` lets the mock model answer. */
export type MockScript = (request: MockRequest) => MockPlan | undefined

export type MockChunk = string | MockDelta

/** One delta of one choice, in OpenAI's shape. */
export interface MockDelta {
  /** The choice it belongs to (n > 1). Default 0. */
  index?: number
  role?: 'assistant'
  content?: string
  reasoning_content?: string
  refusal?: string
  tool_calls?: ReadonlyArray<{
    index: number
    id?: string
    type?: 'function'
    function?: { name?: string; arguments?: string }
  }>
  /** Finishes this choice in this chunk. */
  finish_reason?: string
}

/**
 * OpenAI's error object. In an `errorAfter` event, extra fields (a relay's `status`) go out after
 * OpenAI's four; in an HTTP error body the plan's `status` is the response's status.
 */
export interface MockErrorObject {
  message: string
  type?: string
  code?: string | null
  param?: string | null
  [field: string]: unknown
}

/** Token usage as OpenAI reports it; extra fields (details objects) pass through. */
export interface MockUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  [k: string]: unknown
}
