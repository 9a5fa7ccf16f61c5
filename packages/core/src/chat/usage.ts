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

/** A reply's usage with whether any of it was estimated; see {@link UsageTally.estimate}. */
export interface UsageEstimate {
  usage: ChatUsage
  /** True when a round reported no usage and its completion tokens were counted from its chunks. */
  approximate: boolean
}

/**
 * The token usage of a reply that may span several requests (continuation rounds, or a reply stopped
 * and continued). Within a round the last report wins: some servers (vLLM's continuous usage stats)
 * send a running total on every chunk. Rounds are separate requests, so their usage adds up with
 * {@link addUsage}.
 *
 * Usage comes in the last chunk, so a round the user stopped has none. Its completion tokens are then
 * estimated as one per chunk that carried generated text (OpenAI-style servers stream about one token
 * a chunk, give or take): the tokens were generated and billed all the same, and a reply stopped and
 * continued would otherwise count only its last part.
 */
export class UsageTally {
  readonly #rounds: Array<ChatUsage | undefined> = []
  readonly #chunks: number[] = []

  /** Records a usage report of `round` (0 for the original request, 1 for the first continuation...). */
  record(usage: ChatUsage, round = 0): void {
    this.#rounds[round] = usage
  }

  /** Counts a chunk of `round` that carried generated text (content, reasoning, refusal, tool call). */
  countChunk(round = 0): void {
    this.#chunks[round] = (this.#chunks[round] ?? 0) + 1
  }

  /** Whether `round` reported usage. */
  has(round: number): boolean {
    return this.#rounds[round] !== undefined
  }

  /** The sum over every round that reported usage; `undefined` when none did. */
  get total(): ChatUsage | undefined {
    return sumOf(this.#rounds)
  }

  /**
   * The sum over every round, with a round that reported nothing counted from its chunks;
   * `undefined` when no round reported usage or generated anything.
   */
  get estimate(): UsageEstimate | undefined {
    let approximate = false
    const rounds = Array.from(
      { length: Math.max(this.#rounds.length, this.#chunks.length) },
      (_, i) => {
        const reported = this.#rounds[i]
        const chunks = this.#chunks[i] ?? 0
        if (reported !== undefined || chunks === 0) return reported
        approximate = true
        return { prompt_tokens: 0, completion_tokens: chunks, total_tokens: chunks }
      },
    )
    const usage = sumOf(rounds)
    return usage === undefined ? undefined : { usage, approximate }
  }

  /** The usage each round reported (index = round; holes where a round reported none). */
  get rounds(): Array<ChatUsage | undefined> {
    return [...this.#rounds]
  }
}

function sumOf(rounds: ReadonlyArray<ChatUsage | undefined>): ChatUsage | undefined {
  let total: ChatUsage | undefined
  for (const usage of rounds) {
    if (usage !== undefined) total = total === undefined ? usage : addUsage(total, usage)
  }
  return total
}
