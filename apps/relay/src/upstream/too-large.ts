import { UpstreamError } from '../http/relay-error.js'

/**
 * The upstream's answer passed one of the relay's bounds: what was read is dropped and the upstream
 * call is closed, so one hostile or broken upstream cannot take the relay's memory.
 */
export function upstreamTooLarge(what: string, cause?: unknown): UpstreamError {
  return new UpstreamError(
    'upstream_too_large',
    `The upstream sent ${what}: the relay stopped it.`,
    {
      status: 502,
      type: 'upstream_error',
      ...(cause !== undefined && { cause }),
    },
  )
}
