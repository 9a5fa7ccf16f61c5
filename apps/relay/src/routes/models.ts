import type { RequestHandler } from 'express'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { allowedModels } from './resolve-model.js'

const asModel = (id: string) => ({ id, object: 'model' as const, created: 0, owned_by: 'relay' })

/**
 * `GET /v1/models`: the allow-list when one is configured (the only models a client may use),
 * otherwise the upstream's own list. Upstreams without a models endpoint get the default model.
 */
export function modelsRoute(relay: RelayContext): RequestHandler {
  return async (_req, res) => {
    const allowed = allowedModels(relay.config)
    if (allowed !== undefined) {
      res.json({ object: 'list', data: allowed.map(asModel) })
      return
    }
    try {
      const data = []
      for await (const model of relay.client.models.list()) data.push(model)
      res.json({ object: 'list', data })
    } catch (error) {
      const mapped = mapUpstreamError(error, relay.secrets)
      if (mapped.status !== 404) throw mapped
      res.json({ object: 'list', data: [asModel(relay.config.defaultModel)] })
    }
  }
}
