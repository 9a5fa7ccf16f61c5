const SECONDS = /^\d+$/
const MILLISECONDS = /^\d+(?:\.\d+)?$/
const HTTP_DATE = /^[A-Za-z]{3,9},? /

/**
 * Seconds to wait before retrying, from `Retry-After` (delay-seconds or an HTTP-date) or OpenAI's
 * more precise `retry-after-ms`. `undefined` when absent or unreadable; a date in the past gives 0.
 * @internal
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim()
  if (ms !== undefined && MILLISECONDS.test(ms)) return Number(ms) / 1000
  const value = headers.get('retry-after')?.trim()
  if (value === undefined || value === '') return undefined
  if (SECONDS.test(value)) return Number(value)
  // An HTTP-date names its day and month; Date.parse would also take "-5" (as the year -5).
  if (!HTTP_DATE.test(value)) return undefined
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now) / 1000))
}
