import OpenAI from 'openai'
import type { UpstreamConfig } from '../config/relay-config.js'
import { createKeepAliveAgents, createNodeFetch } from './node-fetch.js'
import { directChatStream, sdkChatStream } from './open-chat-stream.js'
import type { OpenChatStream } from './open-chat-stream.js'

/** How the relay talks to its upstream: the SDK client, and how streamed chat requests are sent. */
export interface Upstream {
  client: OpenAI
  openChat: OpenChatStream
}

/**
 * The SDK client for the configured upstream (or the one the caller built). Streamed chat requests
 * of a client the relay made without retries skip the SDK's request machinery (see
 * {@link directChatStream}); a caller's client, or one that retries, is used as it is.
 */
export function createUpstream(upstream: UpstreamConfig): Upstream {
  if ('client' in upstream)
    return { client: upstream.client, openChat: sdkChatStream(upstream.client) }
  // One pool for both ways, so connections opened by one are reused by the other.
  const agents = createKeepAliveAgents()
  const maxRetries = upstream.maxRetries ?? 0
  const client = new OpenAI({
    apiKey: upstream.apiKey,
    ...(upstream.baseURL !== undefined && { baseURL: upstream.baseURL }),
    ...(upstream.organization !== undefined && { organization: upstream.organization }),
    // Retrying inside the relay would hide a 429's Retry-After from the client and could start a
    // second billed generation; the relay's own watchdogs replace the SDK's 10-minute timeout.
    maxRetries,
    // node:http instead of the global fetch: half the CPU per relayed chunk (docs/benchmarks.md).
    fetch: createNodeFetch(agents),
  })
  const openChat =
    maxRetries === 0
      ? directChatStream(client as OpenAI & { apiKey: string }, agents)
      : sdkChatStream(client)
  return { client, openChat }
}
