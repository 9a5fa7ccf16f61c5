import type { ResolvedRelayConfig } from '../config/relay-config.js'
import { RequestError } from '../http/relay-error.js'

/** The models a client may ask for: the allow-list plus the default, or `undefined` for any. */
export function allowedModels(config: ResolvedRelayConfig): string[] | undefined {
  if (config.allowedModels.length === 0) return undefined
  return [...new Set([config.defaultModel, ...config.allowedModels])]
}

/** The model to call: the requested one if allowed, otherwise the default; 404 for others. */
export function resolveModel(requested: string | undefined, config: ResolvedRelayConfig): string {
  const model = requested ?? config.defaultModel
  const allowed = allowedModels(config)
  if (allowed !== undefined && !allowed.includes(model)) {
    throw new RequestError(
      'model_not_found',
      `The model "${model}" is not available on this relay. Available: ${allowed.join(', ')}.`,
      { status: 404, param: 'model' },
    )
  }
  return model
}
