import type { ContinuableChunk } from './continuable-chunk.js'
import { joinSeam } from './seam.js'
import { UsageTally } from '../chat/usage.js'

type Identity = Pick<ContinuableChunk, 'id' | 'created' | 'model'>

function isEmptyDelta(delta: object | null | undefined): boolean {
  if (delta == null) return true
  for (const [key, value] of Object.entries(delta)) {
    // A repeated role says nothing new: the message already started.
    if (key === 'role' || value == null || value === '') continue
    if (Array.isArray(value) && value.length === 0) continue
    return false
  }
  return true
}

function isEmptyChunk(chunk: ContinuableChunk): boolean {
  return (
    chunk.usage == null &&
    chunk.choices.every((choice) => choice.finish_reason == null && isEmptyDelta(choice.delta))
  )
}

/**
 * The per-chunk bookkeeping of `continueOnLength` for one reply of one choice (index 0): what was
 * emitted, where the seam is, whether the reply may continue, and the usage of every round.
 * It never does I/O; the generator around it sends the requests.
 * @internal
 */
export class Stitcher<C extends ContinuableChunk> {
  /** The current round: 0 for the original request. */
  round = 0
  /** The reply text emitted so far, over all rounds. */
  text = ''
  readonly #maxContinuations: number
  readonly #usage = new UsageTally()
  #identity: Identity | undefined
  #head: string | undefined
  #marked = true
  #lengthCut = false
  #blocked = false
  #usageTemplate: C | undefined
  #usageHeld = false
  #lastChunk: C | undefined

  constructor(maxContinuations: number) {
    this.#maxContinuations = maxContinuations
  }

  /** True when the round just read ended with `length` and another round is allowed. */
  get shouldContinue(): boolean {
    return this.#lengthCut
  }

  /** Takes one chunk of the current round; returns what to emit, or `undefined` to emit nothing. */
  accept(chunk: C): C | undefined {
    this.#identity ??= { id: chunk.id, created: chunk.created, model: chunk.model }
    this.#lastChunk = chunk
    let out = chunk
    // Chunks the stitcher emptied (seam text held back, `length` removed, usage moved to the end) are
    // dropped when nothing is left; chunks that arrived empty pass through as they are.
    let emptied = false
    if (chunk.usage != null) {
      this.#usage.record(chunk.usage, this.round)
      this.#usageTemplate = chunk
      if (chunk.choices.length === 0 && this.round === 0 && !this.#lengthCut) {
        this.#usageHeld = false
      } else {
        out = { ...out, usage: null }
        emptied = true
        this.#usageHeld = true
      }
    }
    const position = chunk.choices.findIndex((choice) => choice.index === 0)
    if (chunk.choices.some((choice) => choice.index !== 0)) this.#blocked = true
    const choice = chunk.choices[position]
    if (choice !== undefined) {
      const delta = choice.delta ?? {}
      // A cut tool call cannot be continued by a text request: its arguments are JSON.
      if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) this.#blocked = true
      let content = delta.content
      let finish = choice.finish_reason
      if (this.#head !== undefined && typeof content === 'string' && content !== '') {
        this.#head += content
        content = this.#resolveSeam(false) ?? ''
        emptied = true
      }
      if (this.#head !== undefined && finish != null) {
        content = (content ?? '') + this.#resolveSeam(true)
      }
      if (typeof content === 'string') this.text += content
      if (finish === 'length' && this.#mayContinue()) {
        this.#lengthCut = true
        finish = null
        emptied = true
      }
      if (content !== delta.content || finish !== choice.finish_reason) {
        const choices = chunk.choices.slice()
        choices[position] = { ...choice, delta: { ...delta, content }, finish_reason: finish }
        out = { ...out, choices }
      }
    }
    if (emptied && isEmptyChunk(out)) return undefined
    return this.#stamp(out)
  }

  /** Ends the current round: returns the seam text still held back, as a chunk, if any. */
  endRound(): C | undefined {
    if (this.#head === undefined || this.#head === '') return undefined
    const content = this.#resolveSeam(true)
    const template = this.#lastChunk
    if (content === '' || template === undefined) return undefined
    this.text += content
    const chunk = {
      ...template,
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
      usage: null,
    } as C
    return this.#stamp(chunk)
  }

  /** Starts the next continuation round. */
  startRound(): void {
    this.round++
    this.#head = ''
    this.#marked = false
    this.#lengthCut = false
  }

  /**
   * The one usage chunk to end with: the sum of all rounds when the reply was continued (and the
   * first round reported usage), or the first round's usage if it was held back from a chunk.
   */
  finalUsage(): C | undefined {
    const template = this.#usageTemplate
    if (template === undefined || !this.#usageHeld || !this.#usage.has(0)) return undefined
    const chunk: C = { ...template, choices: [], usage: this.#usage.total }
    delete chunk.continuation
    return this.#stamp(chunk)
  }

  #mayContinue(): boolean {
    return !this.#blocked && this.text !== '' && this.round < this.#maxContinuations
  }

  #resolveSeam(final: boolean): string | undefined {
    const head = this.#head ?? ''
    const joined = joinSeam(this.text, head, final)
    if (joined !== undefined || final) this.#head = undefined
    return final ? (joined ?? '') : joined
  }

  /** Later rounds take the first round's identity, so clients see one completion; marks a round's start. */
  #stamp(chunk: C): C {
    if (this.round === 0 || this.#identity === undefined) return chunk
    const out = { ...chunk, ...this.#identity }
    if (this.#marked) return out
    this.#marked = true
    return { ...out, continuation: { round: this.round } }
  }
}
