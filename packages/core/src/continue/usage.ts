import type { ChunkUsage } from './continuable-chunk.js'

type Counts = Record<string, unknown>

function isCounts(value: unknown): value is Counts {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Sums every number, nested objects (the `*_details`) included, so counters a server adds later
// (audio, predictions, cache writes) are summed without a code change here.
function addCounts(a: Counts, b: Counts): Counts {
  const sum: Counts = { ...a }
  for (const [key, value] of Object.entries(b)) {
    const mine = sum[key]
    if (typeof mine === 'number' && typeof value === 'number') sum[key] = mine + value
    else if (isCounts(mine) && isCounts(value)) sum[key] = addCounts(mine, value)
    else if (mine === undefined || mine === null) sum[key] = value
  }
  return sum
}

/** Adds the usage of two requests: prompt, completion and total tokens and all their details. @internal */
export function addUsage(a: ChunkUsage, b: ChunkUsage): ChunkUsage {
  return addCounts(a as unknown as Counts, b as unknown as Counts) as unknown as ChunkUsage
}

/**
 * The usage reported by each round. Within a round the last report wins (vLLM's continuous usage
 * stats send a running total on every chunk); rounds are separate requests, so they add up.
 * @internal
 */
export class UsageTally {
  readonly #rounds = new Map<number, ChunkUsage>()

  record(round: number, usage: ChunkUsage): void {
    this.#rounds.set(round, usage)
  }

  has(round: number): boolean {
    return this.#rounds.has(round)
  }

  /** The sum over all rounds that reported usage; `undefined` when none did. */
  total(): ChunkUsage | undefined {
    let total: ChunkUsage | undefined
    for (const usage of this.#rounds.values())
      total = total === undefined ? usage : addUsage(total, usage)
    return total
  }
}
