// Test helpers: ways to cut the same bytes into reads. Lives in __fixtures__ so the build skips it.
import fc from 'fast-check'

const encoder = new TextEncoder()

export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text)
}

/** Cuts `bytes` at the given offsets (any order, out-of-range and repeated ones ignored). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const sorted = [...new Set(cuts.filter((cut) => cut > 0 && cut < bytes.length))].sort(
    (a, b) => a - b,
  )
  const pieces: Uint8Array[] = []
  let start = 0
  for (const cut of sorted) {
    pieces.push(bytes.subarray(start, cut))
    start = cut
  }
  pieces.push(bytes.subarray(start))
  return pieces
}

/** One read per byte: the finest split there is. */
export function singleBytes(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1))
}

/** Every way to cut `bytes` into two reads. */
export function* everyTwoWaySplit(bytes: Uint8Array): Generator<Uint8Array[]> {
  for (let cut = 1; cut < bytes.length; cut++) yield splitAt(bytes, [cut])
}

/** Random cut offsets; `splitAt` ignores the ones past the end, so any length works. */
export const arbitraryCuts = (maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: Math.max(1, maxLength - 1) }), { maxLength: 40 })

/** The pieces as an async iterable body, one read per piece. */
export async function* asyncBody(pieces: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece
}

/** The pieces as a `ReadableStream` body, one read per piece. */
export function streamBody(pieces: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++]
      if (piece === undefined) controller.close()
      else controller.enqueue(piece)
    },
  })
}
