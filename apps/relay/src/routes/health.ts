import type { RequestHandler } from 'express'
import type { RelayContext } from '../upstream/relay-context.js'

/**
 * `GET /api/health`: liveness plus what the relay is configured to do. No upstream call (a health
 * probe must not spend tokens) and never the key.
 */
export function healthRoute(relay: RelayContext): RequestHandler {
  const { config } = relay
  return (_req, res) => {
    res.json({
      status: 'ok',
      upstream: config.upstreamKind,
      defaultModel: config.defaultModel,
      continuation: config.continuation.enabled
        ? { enabled: true, maxContinuations: config.continuation.maxContinuations }
        : { enabled: false },
      auth: config.token !== undefined,
      uptimeSeconds: Math.round(process.uptime()),
    })
  }
}
