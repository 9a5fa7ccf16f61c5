import express from 'express'
import type { Router } from 'express'
import { methodNotAllowed } from '../http/route-guards.js'
import type { RelayContext } from '../upstream/relay-context.js'

/**
 * `GET /api/health`: liveness plus what the relay is configured to do. No upstream call (a health
 * probe must not spend tokens) and never the key.
 */
export function healthRoute(relay: RelayContext): Router {
  const router = express.Router()
  const { config } = relay
  router
    .route('/api/health')
    .get((_req, res) => {
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
    })
    .all(methodNotAllowed(['GET', 'HEAD']))
  return router
}
