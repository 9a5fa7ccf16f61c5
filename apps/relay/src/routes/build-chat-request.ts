import type { ChatMessage, ChatRequest } from '@typewriter-chat/core'
import type { ResolvedRelayConfig } from '../config/relay-config.js'
import { checkImageUrls } from './image-urls.js'
import { resolveModel } from './resolve-model.js'

/**
 * The upstream request for a validated body (its schema already dropped every field the relay does
 * not forward): image URLs checked against the relay's policy, the model resolved, and the relay's
 * own field (`continuation`) and the streaming switches (which the relay always sets itself) removed.
 */
export function buildChatRequest(
  body: { messages: unknown[]; model?: string | undefined; [key: string]: unknown },
  config: ResolvedRelayConfig,
): ChatRequest {
  checkImageUrls(body.messages as { content?: unknown }[], config.imageUrlHosts)
  const {
    continuation: _continuation,
    stream: _stream,
    stream_options: _streamOptions,
    ...rest
  } = body
  return {
    ...rest,
    messages: body.messages as ChatMessage[],
    model: resolveModel(body.model, config),
  }
}
