import OpenAI from 'openai'
import type { UpstreamConfig } from '../config/relay-config.js'
import { createKeepAliveAgents, createNodeFetch } from './node-fetch.js'
import { sdkChatStream } from './open-chat-stream.js'
import type { OpenChatStream } from './open-chat-stream.js'

/** How the relay talks to its upstream: the SDK client, and how streamed chat requests are sent. */
export interface Upstream {
  client: OpenAI
  openChat: OpenChatStream
}

/** The SDK client for the configured upstream (or the one the caller built), and its chat stream. */
export function createUpstream(upstream: UpstreamConfig): Upstream {
  if ('client' in upstream)
    return { client: upstream.client, openChat: sdkChatStream(upstream.client) }
  const agents = createKeepAliveAgents()
  const client = new OpenAI({
    apiKey: upstream.apiKey,
    ...(upstream.baseURL !== undefined && { baseURL: upstream.baseURL }),
    ...(upstream.organization !== undefined && { organization: upstream.organization }),
    // Retrying inside the relay would hide a 429's Retry-After from the client and could start a
    // second billed generation; the relay's own watchdogs replace the SDK's 10-minute timeout.
    maxRetries: upstream.maxRetries ?? 0,
    // node:http instead of the global fetch: half the CPU per relayed chunk (docs/benchmarks.md).
    fetch: createNodeFetch(agents),
  })
  return { client, openChat: sdkChatStream(client) }
}
