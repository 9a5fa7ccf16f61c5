export { createTypewriter } from './typewriter.js'
export type { Typewriter, TypewriterClock, TypewriterOptions, TypewriterState } from './types.js'
