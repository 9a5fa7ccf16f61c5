/**
 * A string that only grows, kept as the pieces it was appended in, so the end of it can be read
 * without copying all of it: a string built with `+=` is copied whole by V8 the first time it is
 * read after each append, which makes reading the new part of a 100 KB code fence O(fence).
 */
export class AppendOnlyText {
  readonly #pieces: string[] = []
  /** Offset just after each piece. */
  readonly #ends: number[] = []

  get length(): number {
    return this.#ends.at(-1) ?? 0
  }

  append(text: string): void {
    if (text === '') return
    this.#ends.push(this.length + text.length)
    this.#pieces.push(text)
  }

  /** `text.slice(from, to)`, in time proportional to the result (plus a binary search). */
  slice(from: number, to: number = this.length): string {
    const end = Math.min(to, this.length)
    if (from >= end) return ''
    let low = 0
    let high = this.#ends.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((this.#ends[middle] ?? 0) <= from) low = middle + 1
      else high = middle
    }
    let result = ''
    for (let index = low; index < this.#pieces.length; index++) {
      const pieceStart = (this.#ends[index] ?? 0) - (this.#pieces[index]?.length ?? 0)
      if (pieceStart >= end) break
      result += (this.#pieces[index] ?? '').slice(Math.max(0, from - pieceStart), end - pieceStart)
    }
    return result
  }
}
