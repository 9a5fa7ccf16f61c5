import type { ChatReply } from '../wire/chat-reply.js'
import type { MockError } from '../wire/openai-error.js'
import type { ResponseEcho } from '../wire/response-events.js'

/** How a raw body goes out: pieces verbatim, paced and cut like chunks. */
export interface RawReply {
  /** The HTTP status it goes out with. */
  status: number
  pieces: readonly (string | Uint8Array)[]
  stepMs: number
  firstChunkDelayMs: number
  dropAfter?: number
  endAfter?: number
  writeSize?: number
  beforeChunk?: (index: number) => void | PromiseLike<void>
}

/** Everything the mock can answer a chat request with, decided before the first byte goes out. */
export type Answer = (
  | { kind: 'error'; error: MockError }
  | { kind: 'hang'; sendHeaders: boolean }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; raw: RawReply }
  | {
      kind: 'chat'
      reply: ChatReply
      stream: boolean
      /** Which API's wire format: chat completions, or the Responses API with its echoed settings. */
      api: { name: 'chat' } | { name: 'responses'; echo: ResponseEcho }
    }
) & {
  /** Extra response headers. */
  headers: Readonly<Record<string, string>>
  contentType?: string
  headersDelayMs: number
}
