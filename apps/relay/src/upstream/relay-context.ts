import type OpenAI from 'openai'
import type { ResolvedRelayConfig } from '../config/relay-config.js'
import type { Heartbeat } from '../streaming/heartbeat.js'
import type { OpenChatStream } from './open-chat-stream.js'

/** What every route of one relay shares. */
export interface RelayContext {
  client: OpenAI
  /** Sends the streamed chat requests (straight over node:http when the relay made the client). */
  openChat: OpenChatStream
  config: ResolvedRelayConfig
  /** Strings that must never reach a client (the upstream key), for redaction. */
  secrets: readonly string[]
  /** Pings every open stream that has been silent for `config.heartbeatMs`. */
  heartbeat: Heartbeat
}
