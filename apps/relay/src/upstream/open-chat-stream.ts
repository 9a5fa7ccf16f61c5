import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import type OpenAI from 'openai'
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions'
import { NodeResponse } from './node-fetch.js'

/**
 * Sends one streamed chat completion request and resolves with the answer's body once the upstream
 * accepted it. A refusal rejects with the SDK's `APIError` for its status, a connection failure with
 * `APIConnectionError` (`APIConnectionTimeoutError` when it timed out), an abort with
 * `APIUserAbortError`: the errors the relay maps for its clients.
 */
export type OpenChatStream = (
  params: ChatCompletionCreateParamsStreaming,
  signal: AbortSignal,
) => Promise<Readable>

/** The response body as a Node stream: the message itself when our fetch made the response. */
function nodeBody(response: Response): Readable {
  if (response instanceof NodeResponse) return response.message
  if (response.body === null) return Readable.from([])
  return Readable.fromWeb(response.body as NodeWebStream<Uint8Array>)
}

/** Through the SDK: any client, with its retries, middleware and fetch. */
export function sdkChatStream(client: OpenAI): OpenChatStream {
  return async (params, signal) => {
    // The raw response: the SDK's own SSE parser costs more than ours (see docs/benchmarks.md).
    const response = await client.chat.completions.create(params, { signal }).asResponse()
    return nodeBody(response)
  }
}
