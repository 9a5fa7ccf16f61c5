import type { ChatUsage } from './types.js'

type Counts = Record<string, unknown>

function isCounts(value: unknown): value is Counts {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function addCounts(a: Counts, b: Counts): Counts {
  const sum: Counts = { ...a }
  for (const [key, value] of Object.entries(b)) {
    const mine = sum[key]
    if (typeof mine === 'number' && typeof value === 'number') sum[key] = mine + value
    else if (isCounts(mine) && isCounts(value)) sum[key] = addCounts(mine, value)
    else if (value !== undefined && value !== null) sum[key] = value
  }
  return sum
}

/**
 * The usage of two requests together. Every number adds up, nested objects (the `*_details`)
 * included, so counters a server adds later (audio, predictions, cache writes, reasoning) are summed
 * without a code change; any other value is the later report's when it has one.
 */
export function addUsage(a: ChatUsage, b: ChatUsage): ChatUsage {
  return addCounts(a as unknown as Counts, b as unknown as Counts) as unknown as ChatUsage
}

/**
 * The token usage of a reply that may span several requests (continuation rounds). Within a round
 * the last report wins: some servers (vLLM's continuous usage stats) send a running total on every
 * chunk. Rounds are separate requests, so their usage adds up with {@link addUsage}.
 */
export class UsageTally {
  readonly #rounds: Array<ChatUsage | undefined> = []

  /** Records a usage report of `round` (0 for the original request, 1 for the first continuation...). */
  record(usage: ChatUsage, round = 0): void {
    this.#rounds[round] = usage
  }

  /** Whether `round` reported usage. */
  has(round: number): boolean {
    return this.#rounds[round] !== undefined
  }

  /** The sum over every round that reported usage; `undefined` when none did. */
  get total(): ChatUsage | undefined {
    let total: ChatUsage | undefined
    for (const usage of this.#rounds) {
      if (usage !== undefined) total = total === undefined ? usage : addUsage(total, usage)
    }
    return total
  }

  /** The usage each round reported (index = round; holes where a round reported none). */
  get rounds(): Array<ChatUsage | undefined> {
    return [...this.#rounds]
  }
}
