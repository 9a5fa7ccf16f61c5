export { continueOnLength } from './continue-on-length.js'
export type { ContinueOnLengthOptions } from './continue-on-length.js'
export {
  buildContinuationRequest,
  DEFAULT_CONTINUATION_INSTRUCTION,
} from './continuation-request.js'
export type { ContinuationContext } from './continuation-request.js'
export type { ContinuableChunk } from './continuable-chunk.js'
