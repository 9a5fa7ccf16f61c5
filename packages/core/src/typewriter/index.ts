export { createTypewriter } from './typewriter.js'
export { createManualClock } from './manual-clock.js'
export type { ManualClock } from './manual-clock.js'
export type { Typewriter, TypewriterClock, TypewriterOptions, TypewriterState } from './types.js'
