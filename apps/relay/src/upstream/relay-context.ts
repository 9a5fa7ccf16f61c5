import type OpenAI from 'openai'
import type { ResolvedRelayConfig } from '../config/relay-config.js'
import type { Generations } from '../streaming/generations.js'
import type { Heartbeat } from '../streaming/heartbeat.js'

/** What every route of one relay shares. */
export interface RelayContext {
  client: OpenAI
  config: ResolvedRelayConfig
  /** Strings that must never reach a client (the upstream key), for redaction. */
  secrets: readonly string[]
  /** Pings every open stream that has been silent for `config.heartbeatMs`. */
  heartbeat: Heartbeat
  /** The generations of `POST /api/chat`, for resumes and stops. */
  generations: Generations
  /**
   * Asked before each continuation round of the request this context was made for (the rate
   * limiter's charge); `false` ends the reply there, cut (`finish_reason: "length"`).
   */
  admitRound?: () => Promise<boolean>
}
