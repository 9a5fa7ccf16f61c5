import { createGraphemeSegmenter } from './grapheme-segmenter.js'
import type { GraphemeSegmenter } from './grapheme-segmenter.js'

// The last grapheme of the received text may still grow (an emoji ZWJ sequence or a base and its
// combining mark split across pushes), so it is held back and re-segmented with the next push. A
// cluster this long is pathological (stacked combining marks); treating it as complete keeps the
// re-segmented tail, and so the cost of a push, bounded. Real emoji sequences stay far below it.
const MAX_HELD_UNITS = 128

// Text is segmented in windows of this many code units: V8's Intl.Segmenter gets quadratically
// slower on long inputs (a 40 000-character push took over a second on Node 20). A window ends a
// cluster only provisionally; its last cluster is segmented again at the start of the next window,
// exactly like the held-back tail between pushes. Larger than MAX_HELD_UNITS so windows always advance.
const SEGMENT_WINDOW = 256

// Released grapheme ends are dropped from the front of the array in batches, not one by one.
const COMPACT_AFTER = 1024

// A high surrogate at the end of a segmented piece is half a code point: segmented alone it would end
// the cluster before it (an emoji ZWJ sequence, a flag's first half) too early, so it waits for its pair.
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/**
 * The received text cut into grapheme clusters as it arrives, and how much of it is released.
 *
 * Only the held-back last cluster plus the new text is segmented on each push, so the cost of a push
 * depends on the push, never on the length of the whole reply.
 */
export class GraphemeQueue {
  readonly #segmenter: GraphemeSegmenter
  #text = ''
  #shownEnd = 0
  #tailStart = 0
  #tail = ''
  // UTF-16 end offsets of the complete clusters not yet released, from #head on.
  #ends: number[] = []
  #head = 0
  #completed = 0

  constructor(segmenter: GraphemeSegmenter = createGraphemeSegmenter()) {
    this.#segmenter = segmenter
  }

  /** Everything received. */
  get text(): string {
    return this.#text
  }

  /** The released prefix of the text. */
  get visible(): string {
    return this.#text.slice(0, this.#shownEnd)
  }

  /** UTF-16 length of the released prefix. */
  get visibleLength(): number {
    return this.#shownEnd
  }

  /** Complete clusters ever queued, counted from the last clear; a position for deadlines. */
  get completed(): number {
    return this.#completed
  }

  /** Clusters released so far, counted like {@link GraphemeQueue.completed}. */
  get released(): number {
    return this.#completed - this.releasable
  }

  /** Complete clusters that can be released now. */
  get releasable(): number {
    return this.#ends.length - this.#head
  }

  /** Clusters not yet released, counting the held-back last one. */
  get pending(): number {
    const tailPending = this.#tail.length > 0 && this.#text.length > this.#shownEnd
    return this.releasable + (tailPending ? 1 : 0)
  }

  /** Appends received text; the clusters it completes become releasable. */
  push(text: string): void {
    this.#text += text
    // Reading the whole text would flatten V8's string rope on every push, a copy of the whole reply
    // each time; the held tail is kept on its own instead.
    const input = this.#tail + text
    const last = isHighSurrogate(input.charCodeAt(input.length - 1))
      ? input.length - 1
      : input.length
    let held = 0
    for (;;) {
      let end = Math.min(held + SEGMENT_WINDOW, last)
      if (end < last && isHighSurrogate(input.charCodeAt(end - 1))) end--
      held = this.#queueAllButLast(input, held, end)
      if (end === last) break
    }
    this.#tailStart += held
    this.#tail = input.slice(held)
  }

  /** No more text will come: the held-back last cluster is complete. */
  close(): void {
    if (this.#tail.length > 0) this.#queue(this.#text.length)
    this.#tailStart = this.#text.length
    this.#tail = ''
  }

  /** Releases the next `count` complete clusters (fewer if fewer are releasable). */
  release(count: number): void {
    if (count <= 0 || this.releasable === 0) return
    this.#head = Math.min(this.#head + count, this.#ends.length)
    this.#shownEnd = this.#ends[this.#head - 1] ?? this.#shownEnd
    if (this.#head === this.#ends.length) {
      this.#ends = []
      this.#head = 0
    } else if (this.#head >= COMPACT_AFTER) {
      this.#ends = this.#ends.slice(this.#head)
      this.#head = 0
    }
  }

  /** Releases all received text, even a last cluster that may still grow. */
  releaseAll(): void {
    this.#ends = []
    this.#head = 0
    this.#shownEnd = this.#text.length
  }

  /** Forgets all text, for a new reply. */
  clear(): void {
    this.#text = ''
    this.#shownEnd = 0
    this.#tailStart = 0
    this.#tail = ''
    this.#ends = []
    this.#head = 0
    this.#completed = 0
  }

  // Queues the clusters of input[from, to) but the last, which may continue past `to`, and returns
  // where that last one starts.
  #queueAllButLast(input: string, from: number, to: number): number {
    let held = from
    for (const { segment, index } of this.#segmenter.segment(input.slice(from, to))) {
      const start = from + index
      if (start > held) this.#queue(this.#tailStart + start)
      held = start
      if (segment.length > MAX_HELD_UNITS) {
        held = start + segment.length
        this.#queue(this.#tailStart + held)
      }
    }
    return held
  }

  #queue(end: number): void {
    // A cluster already (partly) shown by releaseAll() only needs releasing if it grew past the shown end.
    if (end <= this.#shownEnd) return
    this.#ends.push(end)
    this.#completed++
  }
}
