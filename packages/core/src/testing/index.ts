/**
 * `@typewriter-chat/core/testing` — tools for testing code built on the core, kept out of the main
 * entry so an application bundle never carries them.
 * @packageDocumentation
 */
export { createManualClock } from './manual-clock.js'
export type { ManualClock } from './manual-clock.js'
