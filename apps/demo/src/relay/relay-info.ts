/** What the demo shows about the relay it talks to. */
export interface RelayInfo {
  /** `mock` when the relay answers with its embedded mock model (no API key). */
  upstream: 'mock' | 'openai' | undefined
  defaultModel: string | undefined
  /** Model ids from `GET /v1/models`, sorted. */
  models: string[]
}

async function getJson(doFetch: typeof fetch, url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await doFetch(url, { headers: { accept: 'application/json' }, signal })
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`)
  return response.json()
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** Who `@typewriter-chat/mock-openai` says owns its models in `GET /v1/models`. */
const MOCK_OWNER = 'typewriter-chat'

interface ModelList {
  /** Model ids, sorted, without duplicates. */
  ids: string[]
  /** `mock` when every model comes from the mock model; `undefined` for an empty list. */
  upstream: RelayInfo['upstream']
}

/** Parses the body of `GET /v1/models` (`{ data: [{ id, owned_by }] }`), skipping malformed entries. */
export function parseModelList(body: unknown): ModelList {
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : []
  const models = data.filter(
    (model: unknown): model is Record<string, unknown> =>
      isRecord(model) && typeof model.id === 'string',
  )
  const ids = [...new Set(models.map((model) => String(model.id)))]
  return {
    ids: ids.sort((a, b) => a.localeCompare(b)),
    upstream:
      models.length === 0
        ? undefined
        : models.every((model) => model.owned_by === MOCK_OWNER)
          ? 'mock'
          : 'openai',
  }
}

/**
 * Asks the relay for its models and health. Each part may fail on its own (an upstream that
 * cannot list models, a relay behind a token): the chat still works with the server's default.
 * A relay tells its upstream and default model only to a caller with its token (a token-less relay
 * tells nobody), so the mock model is recognised by its model list.
 */
export async function fetchRelayInfo(
  doFetch: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<{ info: RelayInfo; error?: string }> {
  const [models, health] = await Promise.allSettled([
    getJson(doFetch, '/v1/models', signal),
    getJson(doFetch, '/api/health', signal),
  ])
  const status = health.status === 'fulfilled' && isRecord(health.value) ? health.value : {}
  const list = parseModelList(models.status === 'fulfilled' ? models.value : undefined)
  const info: RelayInfo = {
    upstream:
      status.upstream === 'mock' || status.upstream === 'openai' ? status.upstream : list.upstream,
    defaultModel: typeof status.defaultModel === 'string' ? status.defaultModel : undefined,
    models: list.ids,
  }
  if (models.status === 'rejected') {
    const reason: unknown = models.reason
    return { info, error: reason instanceof Error ? reason.message : String(reason) }
  }
  return { info }
}
