/**
 * Splits text into tokens shaped like a BPE tokenizer's output, so the stream has the rhythm of a
 * real model: a space travels with the word after it, long words break into sub-word pieces,
 * punctuation and newlines stand alone, CJK comes one or two characters at a time and an emoji
 * (even a ZWJ family) is never split. Joining the tokens always gives back the input exactly.
 */

/** The longest token, in user-perceived characters, like the 1–6 character pieces of real vocabularies. */
const MAX_TOKEN_GRAPHEMES = 6

/**
 * The pre-tokenizer of OpenAI's cl100k encoding, simplified: contractions, a word with its leading
 * space, up to three digits, a punctuation run, newlines, then leftover whitespace (all but the last
 * space of a run, which attaches to the next word).
 */
const PIECE =
  /'(?:s|t|re|ve|m|ll|d)\b| ?\p{L}+| ?\p{N}{1,3}| ?[^\s\p{L}\p{N}]+|\s*[\r\n]+|\s+(?!\S)|\s+/gu

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' })

/**
 * Segmenting takes time quadratic in the length of the string segmented (V8's ICU binding), so one
 * unbroken 200 KB word in a prompt kept the process busy for a minute. Long text is segmented in
 * windows instead: every cluster but a window's last is final, and the last is segmented again at
 * the start of the next window, in case it continues past the cut. Linear, and the same clusters.
 */
const WINDOW = 256

/**
 * Code points that never join a neighbour into one cluster: printable ASCII and newline, Latin-1
 * and Latin Extended, Greek, Cyrillic letters, kana and CJK ideographs. Text made only of them is
 * split by code point, which skips the segmenter's per-cluster cost (a few µs each) for most prose.
 */
const SIMPLE =
  /^[\n\x20-\x7e\u00a0-\u02ff\u0370-\u03ff\u0400-\u0482\u048a-\u052f\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]*$/

function graphemesOf(text: string): string[] {
  if (SIMPLE.test(text)) return Array.from(text)
  const clusters: string[] = []
  let start = 0
  while (start < text.length) {
    const end = Math.min(start + WINDOW, text.length)
    const segments = Array.from(segmenter.segment(text.slice(start, end)))
    const last = segments.at(-1)
    // A window holding a single cluster (a pathological pile of combining marks) ends it there.
    const final = end === text.length || last === undefined || last.index === 0
    for (const segment of final ? segments : segments.slice(0, -1)) clusters.push(segment.segment)
    start = final ? end : start + last.index
  }
  return clusters
}

/** Splits `text` into tokens of 1–6 characters; `tokenize(text).join('') === text`. */
export function tokenize(text: string): string[] {
  const tokens: string[] = []
  for (const match of text.matchAll(PIECE)) {
    // One by one: spreading a long word's thousands of pieces into push() overflows the stack.
    for (const token of splitPiece(match[0])) tokens.push(token)
  }
  return tokens
}

function splitPiece(piece: string): string[] {
  // Most pieces are short words: no cluster can be longer than its code units, so skip segmenting.
  if (piece.length <= MAX_TOKEN_GRAPHEMES && !CJK.test(piece)) return [piece]
  const chars = graphemesOf(piece)
  if (chars.length <= MAX_TOKEN_GRAPHEMES && !CJK.test(piece)) return [piece]
  const tokens: string[] = []
  let run: string[] = []
  const flushRun = (): void => {
    for (const token of splitEvenly(run)) tokens.push(token)
    run = []
  }
  for (const [i, char] of chars.entries()) {
    if (!CJK.test(char)) {
      run.push(char)
      continue
    }
    flushRun()
    const previous = tokens.at(-1)
    // Pair CJK characters the way a vocabulary does for common bigrams: deterministic, roughly half.
    if (previous !== undefined && isLoneCjk(previous) && char.charCodeAt(0) % 3 !== 0 && i > 0) {
      tokens[tokens.length - 1] = previous + char
    } else {
      tokens.push(char)
    }
  }
  flushRun()
  return tokens
}

function isLoneCjk(token: string): boolean {
  return token.length === 1 && CJK.test(token)
}

/** Cuts a run into near-equal pieces of at most MAX_TOKEN_GRAPHEMES ("tokenizer" → "token", "izer"). */
function splitEvenly(chars: string[]): string[] {
  if (chars.length === 0) return []
  const parts = Math.ceil(chars.length / MAX_TOKEN_GRAPHEMES)
  const size = Math.ceil(chars.length / parts)
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''))
  return pieces
}
