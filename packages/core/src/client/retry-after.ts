const SECONDS = /^\d+(?:\.\d+)?$/
// An HTTP-date names its day and month; Date.parse would also take "-5" (as the year -5).
const HTTP_DATE = /^[A-Za-z]{3,9},? /

/**
 * How many seconds to wait before retrying, from an answer's headers: OpenAI's precise
 * `retry-after-ms` when present, else `Retry-After` as delay-seconds or an HTTP-date. `undefined`
 * when absent or unreadable (a negative number included); a date in the past gives 0.
 *
 * The wait is never rounded down: milliseconds and seconds are kept exactly (fractions too), and
 * the time left until a date is rounded up to whole seconds. Whoever passes the wait on as a
 * `Retry-After` header, which holds whole seconds, rounds up with `Math.ceil`.
 *
 * @param now - the current time in ms since the epoch, for HTTP-dates. Default `Date.now()`.
 * @example
 * ```ts
 * const wait = parseRetryAfter(response.headers)
 * if (response.status === 429 && wait !== undefined) setTimeout(retry, wait * 1000)
 * ```
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim()
  if (ms !== undefined && SECONDS.test(ms)) return Number(ms) / 1000
  const value = headers.get('retry-after')?.trim()
  if (value === undefined || value === '') return undefined
  if (SECONDS.test(value)) return Number(value)
  if (!HTTP_DATE.test(value)) return undefined
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now) / 1000))
}
