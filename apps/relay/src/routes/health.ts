import type { Request, RequestHandler } from 'express'
import { tokenChecker } from '../http/auth.js'
import type { RelayContext } from '../upstream/relay-context.js'

/**
 * `GET /api/health`: liveness for anyone (`{ "status": "ok" }`, never rate-limited, so probes keep
 * working), and what the relay is configured to do only for a caller holding the relay's token when
 * one is set. No upstream call (a health probe must not spend tokens) and never the key. A token
 * given here is charged to the caller's rate limit (`charge`) like any request, or the route would
 * be a free place to guess tokens; a caller past its limit gets liveness only.
 */
export function healthRoute(
  relay: RelayContext,
  charge?: (req: Request) => Promise<boolean>,
): RequestHandler {
  const { config } = relay
  const check = config.token === undefined ? undefined : tokenChecker(config.token)
  const alive = { status: 'ok' }
  return async (req, res) => {
    if (check === undefined || req.get('authorization') === undefined) {
      res.json(alive)
      return
    }
    const admitted = charge === undefined || (await charge(req))
    if (!admitted || check(req) !== 'valid') {
      res.json(alive)
      return
    }
    res.json({
      status: 'ok',
      upstream: config.upstreamKind,
      defaultModel: config.defaultModel,
      continuation: config.continuation.enabled
        ? { enabled: true, maxContinuations: config.continuation.maxContinuations }
        : { enabled: false },
      auth: true,
      uptimeSeconds: Math.round(process.uptime()),
    })
  }
}
