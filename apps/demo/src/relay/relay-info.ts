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

/** Parses the body of `GET /v1/models` (`{ data: [{ id }] }`), skipping malformed entries. */
export function parseModelList(body: unknown): string[] {
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : []
  const ids = data.flatMap((model: unknown) =>
    isRecord(model) && typeof model.id === 'string' ? [model.id] : [],
  )
  return [...new Set(ids)].sort((a, b) => a.localeCompare(b))
}

/**
 * Asks the relay for its models and health. Each part may fail on its own (an upstream that
 * cannot list models, a relay behind a token): the chat still works with the server's default.
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
  const info: RelayInfo = {
    upstream:
      status.upstream === 'mock' || status.upstream === 'openai' ? status.upstream : undefined,
    defaultModel: typeof status.defaultModel === 'string' ? status.defaultModel : undefined,
    models: models.status === 'fulfilled' ? parseModelList(models.value) : [],
  }
  if (models.status === 'rejected') {
    const reason: unknown = models.reason
    return { info, error: reason instanceof Error ? reason.message : String(reason) }
  }
  return { info }
}
