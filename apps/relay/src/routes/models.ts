import type { RequestHandler } from 'express'
import { UpstreamError } from '../http/relay-error.js'
import { requestLog } from '../log/request-log.js'
import { abortOnClientClose } from '../streaming/abort-on-close.js'
import { mapUpstreamError } from '../upstream/map-upstream-error.js'
import { readBounded } from '../upstream/read-body.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { allowedModels } from './resolve-model.js'

const asModel = (id: string) => ({ id, object: 'model' as const, created: 0, owned_by: 'relay' })

/** The `data` of OpenAI's model list. */
function modelsIn(text: string): unknown[] {
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch {
    list = undefined
  }
  const data = (list as { data?: unknown } | null | undefined)?.data
  if (Array.isArray(data)) return data
  throw new UpstreamError(
    'upstream_error',
    'The upstream sent a model list the relay cannot read.',
    {
      status: 502,
      type: 'upstream_error',
    },
  )
}

/**
 * `GET /v1/models`: the allow-list when one is configured (the only models a client may use),
 * otherwise the upstream's own list. Upstreams without a models endpoint get the default model.
 * The upstream call is bounded like a chat call's first byte (the whole list must arrive within
 * `timeouts.firstByteMs`) and in size (`limits.maxReplyBytes`), and closed the moment the client
 * leaves.
 */
export function modelsRoute(relay: RelayContext): RequestHandler {
  return async (_req, res) => {
    const allowed = allowedModels(relay.config)
    if (allowed !== undefined) {
      res.json({ object: 'list', data: allowed.map(asModel) })
      return
    }
    const call = abortOnClientClose(res)
    const { firstByteMs } = relay.config.timeouts
    const timeout = new UpstreamError(
      'upstream_timeout',
      `The upstream did not list its models within ${firstByteMs} ms.`,
      { status: 504, type: 'upstream_error' },
    )
    const timer = setTimeout(() => call.abort(timeout), firstByteMs)
    try {
      // Read by the relay, not the SDK: its parser would hold a body of any size.
      const response = await relay.client.models.list({ signal: call.signal }).asResponse()
      const text = await readBounded(
        response.body,
        relay.config.limits.maxReplyBytes,
        'a model list',
      )
      res.json({ object: 'list', data: modelsIn(text) })
    } catch (error) {
      if (call.signal.reason === timeout) throw timeout
      if (call.signal.aborted) {
        requestLog(res).aborted = true
        return
      }
      const mapped = mapUpstreamError(error, relay.secrets, relay.config.logger)
      if (mapped.status !== 404) throw mapped
      res.json({ object: 'list', data: [asModel(relay.config.defaultModel)] })
    } finally {
      clearTimeout(timer)
    }
  }
}
