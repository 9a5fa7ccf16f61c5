/** Fenced code samples per language, two per language so answers vary. Data only. */
export type CodeLanguage = 'typescript' | 'python' | 'sql' | 'bash'

export interface CodeSample {
  title: string
  code: string
  /** What the sample does, step by step, for the numbered list under it. */
  steps: readonly [string, ...string[]]
}

export const CODE_SAMPLES: Record<CodeLanguage, readonly [CodeSample, ...CodeSample[]]> = {
  typescript: [
    {
      title: 'A typed fetch with retries',
      code: `interface RetryOptions {
  retries: number
  baseDelayMs: number
}

export async function fetchJson<T>(url: string, { retries, baseDelayMs }: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url)
    if (response.ok) return (await response.json()) as T
    if (attempt >= retries || response.status < 500) {
      throw new Error(\`GET \${url} failed with \${response.status}\`)
    }
    // Exponential backoff: 200 ms, 400 ms, 800 ms...
    await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt))
  }
}`,
      steps: [
        'The generic `T` lets the caller say what shape the JSON has.',
        'Only **5xx** responses are retried; a 4xx will not fix itself.',
        'The delay doubles on each attempt, so a struggling server gets room to recover.',
      ],
    },
    {
      title: 'Streaming lines from a response',
      code: `export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true })
    let newline: number
    while ((newline = buffer.indexOf('\\n')) >= 0) {
      yield buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
    }
  }
  if (buffer) yield buffer
}`,
      steps: [
        '`TextDecoder` with `stream: true` keeps multi-byte characters intact across chunks.',
        'Complete lines are yielded as soon as they arrive, so the caller never waits for the whole body.',
        'Whatever is left at the end is the last line, even without a trailing newline.',
      ],
    },
  ],
  python: [
    {
      title: 'A small, typed data pipeline',
      code: `from dataclasses import dataclass
from statistics import mean


@dataclass(frozen=True)
class Reading:
    sensor: str
    value: float


def average_by_sensor(readings: list[Reading]) -> dict[str, float]:
    groups: dict[str, list[float]] = {}
    for reading in readings:
        groups.setdefault(reading.sensor, []).append(reading.value)
    return {sensor: round(mean(values), 2) for sensor, values in groups.items()}


print(average_by_sensor([Reading("a", 1.5), Reading("a", 2.5), Reading("b", 4.0)]))
# {'a': 2.0, 'b': 4.0}`,
      steps: [
        '`@dataclass(frozen=True)` gives an immutable record with `__eq__` and `__repr__` for free.',
        '`setdefault` groups values without a separate existence check.',
        'A dict comprehension builds the result in one readable line.',
      ],
    },
    {
      title: 'Async requests with a concurrency limit',
      code: `import asyncio

import httpx


async def fetch_all(urls: list[str], limit: int = 5) -> list[int]:
    semaphore = asyncio.Semaphore(limit)

    async with httpx.AsyncClient(timeout=10) as client:

        async def fetch(url: str) -> int:
            async with semaphore:
                response = await client.get(url)
                return response.status_code

        return await asyncio.gather(*(fetch(url) for url in urls))


print(asyncio.run(fetch_all(["https://example.com"] * 3)))`,
      steps: [
        'The **semaphore** caps how many requests run at once.',
        'One `AsyncClient` reuses connections for every request.',
        '`asyncio.gather` keeps the results in the same order as the input.',
      ],
    },
  ],
  sql: [
    {
      title: 'Top customers per month with a window function',
      code: `WITH monthly AS (
  SELECT
    customer_id,
    date_trunc('month', ordered_at) AS month,
    SUM(total_cents) / 100.0 AS revenue
  FROM orders
  WHERE status = 'paid'
  GROUP BY customer_id, month
)
SELECT month, customer_id, revenue
FROM (
  SELECT *, RANK() OVER (PARTITION BY month ORDER BY revenue DESC) AS rank
  FROM monthly
) ranked
WHERE rank <= 3
ORDER BY month, rank;`,
      steps: [
        'The CTE `monthly` aggregates paid orders per customer and month.',
        '`RANK() OVER (PARTITION BY month …)` numbers customers within each month.',
        'The outer query keeps the top three of every month.',
      ],
    },
    {
      title: 'An index that matches the query',
      code: `-- The query filters on status and sorts by date:
SELECT id, email, created_at
FROM users
WHERE status = 'active'
ORDER BY created_at DESC
LIMIT 20;

-- So the index leads with the equality column, then the sort column:
CREATE INDEX CONCURRENTLY users_status_created_idx
  ON users (status, created_at DESC);`,
      steps: [
        'Equality columns come first in a composite index, range and sort columns after.',
        '`CONCURRENTLY` builds the index without locking writes (PostgreSQL).',
        'Check the plan with `EXPLAIN ANALYZE` before and after.',
      ],
    },
  ],
  bash: [
    {
      title: 'A safe script skeleton',
      code: `#!/usr/bin/env bash
set -euo pipefail

log() { printf '%s %s\\n' "$(date +%H:%M:%S)" "$*" >&2; }

main() {
  local target="\${1:?usage: $0 <dir>}"
  log "Cleaning $target"
  find "$target" -name '*.tmp' -mtime +7 -print -delete
}

main "$@"`,
      steps: [
        '`set -euo pipefail` stops on errors, unset variables and failed pipes.',
        '`${1:?…}` prints a usage line when the argument is missing.',
        'Logging to stderr keeps stdout clean for piping.',
      ],
    },
    {
      title: 'Find what is using a port',
      code: `# Which process listens on port 8787?
lsof -iTCP:8787 -sTCP:LISTEN -n -P

# The same with ss (Linux)
ss -ltnp 'sport = :8787'`,
      steps: [
        '`-sTCP:LISTEN` shows only listening sockets.',
        '`-n -P` skips DNS and port-name lookups, which makes it fast.',
        '`ss` is the modern replacement for `netstat` on Linux.',
      ],
    },
  ],
}
