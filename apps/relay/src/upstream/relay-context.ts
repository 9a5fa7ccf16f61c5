import type OpenAI from 'openai'
import type { ResolvedRelayConfig } from '../config/relay-config.js'

/** What every route of one relay shares. */
export interface RelayContext {
  client: OpenAI
  config: ResolvedRelayConfig
  /** Strings that must never reach a client (the upstream key), for redaction. */
  secrets: readonly string[]
}
