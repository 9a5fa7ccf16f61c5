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

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** Splits `text` into tokens of 1–6 characters; `tokenize(text).join('') === text`. */
export function tokenize(text: string): string[] {
  const tokens: string[] = []
  for (const match of text.matchAll(PIECE)) tokens.push(...splitPiece(match[0]))
  return tokens
}

function splitPiece(piece: string): string[] {
  const chars = Array.from(graphemes.segment(piece), (s) => s.segment)
  if (chars.length <= MAX_TOKEN_GRAPHEMES && !CJK.test(piece)) return [piece]
  const tokens: string[] = []
  let run: string[] = []
  const flushRun = (): void => {
    tokens.push(...splitEvenly(run))
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
