import OpenAI from 'openai'
import type { UpstreamConfig } from '../config/relay-config.js'
import { EMBEDDED_MOCK_BASE_URL, embeddedMockFetch } from './embedded-mock.js'

/** The SDK client for the configured upstream (or the one the caller built). */
export function createUpstreamClient(upstream: UpstreamConfig): OpenAI {
  if ('client' in upstream) return upstream.client
  if ('mock' in upstream) {
    const { tokensPerSecond } = upstream
    return new OpenAI({
      apiKey: 'mock-key-not-secret',
      baseURL: EMBEDDED_MOCK_BASE_URL,
      maxRetries: 0,
      fetch: embeddedMockFetch(fetch, {
        ...(tokensPerSecond !== undefined && { tokensPerSecond }),
      }),
    })
  }
  return new OpenAI({
    apiKey: upstream.apiKey,
    ...(upstream.baseURL !== undefined && { baseURL: upstream.baseURL }),
    ...(upstream.organization !== undefined && { organization: upstream.organization }),
    // Retrying inside the relay would hide a 429's Retry-After from the client and could start a
    // second billed generation; the relay's own watchdogs replace the SDK's 10-minute timeout.
    maxRetries: upstream.maxRetries ?? 0,
  })
}
