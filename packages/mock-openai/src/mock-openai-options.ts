import type { MockPlan, MockScript } from './script/mock-plan.js'

/** Options of `startMockOpenAI` and `createMockOpenAIHandler`. */
export interface MockOpenAIOptions {
  /** Pace of the mock model's own answers, tokens/s. Default 40. `Infinity` = unpaced. */
  tokensPerSecond?: number
  /** `startMockOpenAI` only; default `'127.0.0.1'`. */
  host?: string
  /** `startMockOpenAI` only; default 0 (ephemeral). */
  port?: number
  /**
   * Scripted mode: the default plan (or a function from the request to a plan) for every request
   * without a queued one. Unset, or a function returning undefined: the mock model answers.
   */
  script?: MockPlan | MockScript
  /**
   * Clock for `MockRequest` times, ms. Default `performance.now` (a bench in another process passes
   * a system-wide monotonic clock such as `() => Number(process.hrtime.bigint()) / 1e6`).
   */
  clock?: () => number
}

export const DEFAULT_TOKENS_PER_SECOND = 40
