export { SSEDecoder } from './sse-decoder.js'
export type { SSEEvent, SSEDecoderOptions } from './sse-decoder.js'
export { encodeSSE, encodeSSEComment } from './encode-sse.js'
export type { SSEMessage } from './encode-sse.js'
