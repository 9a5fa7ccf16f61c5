/**
 * Why an {@link SSEDecoder} gave up on a stream:
 * - `line_too_long`: a line (often a body with no line break at all) passed `maxLineLength`.
 * - `event_too_large`: the data lines of one event passed `maxEventSize` together.
 */
export type SSEDecodeErrorCode = 'line_too_long' | 'event_too_large'

const marker = Symbol.for('@typewriter-chat/core/SSEDecodeError')

/**
 * A stream that broke one of the decoder's bounds. The decoder refuses the rest of the stream: it
 * cannot tell where the next event would start without holding the line it refused.
 */
export class SSEDecodeError extends Error {
  override readonly name = 'SSEDecodeError'
  readonly code: SSEDecodeErrorCode
  /** The bound that was passed, in characters (UTF-16 code units). */
  readonly limit: number
  readonly [marker] = true

  constructor(code: SSEDecodeErrorCode, limit: number) {
    super(
      code === 'line_too_long'
        ? `The event stream sent a line longer than ${limit} characters.`
        : `The event stream sent an event larger than ${limit} characters.`,
    )
    this.code = code
    this.limit = limit
  }

  /** True for an `SSEDecodeError` from any copy of this package (`instanceof` fails across copies). */
  static isInstance(value: unknown): value is SSEDecodeError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true
    )
  }
}
