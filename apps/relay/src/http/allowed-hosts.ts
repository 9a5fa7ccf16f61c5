import type { RequestHandler } from 'express'
import { RequestError } from './relay-error.js'

/** The names a relay bound to a loopback address answers to by default, on any port. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/**
 * Answers only requests whose `Host` (port aside) is on the list, `*` meaning any. Without it, a
 * page on any site could reach a relay on a developer's machine through DNS rebinding (its own name
 * re-pointed at 127.0.0.1) and spend the upstream key: the browser sends that page's name as `Host`.
 * Behind a trusted proxy (`trust proxy` set), Express reads the name from `X-Forwarded-Host`.
 */
export function allowedHosts(hosts: readonly string[]): RequestHandler {
  const allowed = new Set(hosts.map((host) => host.toLowerCase()))
  return (req, _res, next) => {
    // Express 5 strips the port and keeps an IPv6 address in its brackets.
    const host = req.hostname?.toLowerCase()
    if (host !== undefined && allowed.has(host)) {
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
