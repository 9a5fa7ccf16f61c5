import type { RequestHandler } from 'express'
import { RequestError } from './relay-error.js'

/** The names a relay bound to a loopback address answers to by default, on any port. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/** The name in a `Host` or `X-Forwarded-Host` value (its first entry): no port, IPv6 in brackets. */
function hostName(value: string): string {
  const first = (value.split(',')[0] ?? '').trim().toLowerCase()
  if (first.startsWith('[')) return first.slice(0, first.indexOf(']') + 1)
  const colon = first.indexOf(':')
  return colon === -1 ? first : first.slice(0, colon)
}

/**
 * Answers only requests whose `Host` (port aside) is on the list, and whose `X-Forwarded-Host`, when
 * there is one, is too. Without it, a page on any site could reach a relay on a developer's machine
 * through DNS rebinding (its own name re-pointed at 127.0.0.1) and spend the upstream key: the
 * browser sends that page's name as `Host`. Both headers are judged, whatever `trust proxy` says,
 * because such a page may add an `X-Forwarded-Host` of its choosing to its same-origin requests.
 */
export function allowedHosts(hosts: readonly string[]): RequestHandler {
  const allowed = new Set(hosts.map((host) => host.toLowerCase()))
  return (req, _res, next) => {
    const host = req.get('host')
    const forwarded = req.get('x-forwarded-host')
    if (
      host !== undefined &&
      allowed.has(hostName(host)) &&
      (forwarded === undefined || allowed.has(hostName(forwarded)))
    ) {
      next()
      return
    }
    throw new RequestError(
      'host_not_allowed',
      'This relay does not answer to this host name. Its operator can add it to RELAY_ALLOWED_HOSTS.',
      { status: 403, type: 'permission_error' },
    )
  }
}
