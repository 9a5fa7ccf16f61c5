/** One grapheme cluster and its UTF-16 offset in the segmented string. */
export interface GraphemeSegment {
  segment: string
  index: number
}

/** The part of `Intl.Segmenter` the typewriter uses, so tests and the fallback can stand in for it. */
export interface GraphemeSegmenter {
  segment(input: string): Iterable<GraphemeSegment>
}

// An approximation of extended grapheme clusters for engines without Intl.Segmenter (Firefox before
// 125): CRLF, flag pairs, and a code point followed by marks, variation selectors, skin tones, emoji
// tag characters and ZWJ joins. It never splits a surrogate pair, a mark from its base or an emoji
// ZWJ sequence, which is what keeps the revealed text from ever looking broken.
const APPROXIMATE_CLUSTER =
  /\r\n|\p{Regional_Indicator}{2}|[\s\S](?:\p{M}|\p{Emoji_Modifier}|[\uFE0E\uFE0F\u{E0020}-\u{E007F}]|\u200D\p{Extended_Pictographic}?)*/gu

/** A segmenter built on a regular expression; used only where `Intl.Segmenter` is missing. */
export function createApproximateSegmenter(): GraphemeSegmenter {
  return {
    *segment(input) {
      for (const match of input.matchAll(APPROXIMATE_CLUSTER)) {
        yield { segment: match[0], index: match.index }
      }
    },
  }
}

/** `Intl.Segmenter` with grapheme granularity when the engine has it, else the approximation. */
export function createGraphemeSegmenter(): GraphemeSegmenter {
  return typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : createApproximateSegmenter()
}
