import { describe, expect, it } from 'vitest'
import { GraphemeQueue } from './grapheme-queue.js'
import { createApproximateSegmenter } from './grapheme-segmenter.js'
import type { GraphemeSegmenter } from './grapheme-segmenter.js'

const intl = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

function graphemes(text: string): string[] {
  return Array.from(intl.segment(text), (s) => s.segment)
}

function boundaries(text: string): Set<number> {
  const ends = new Set([0])
  for (const { index, segment } of intl.segment(text)) ends.add(index + segment.length)
  return ends
}

const tricky = [
  'family 👨‍👩‍👧‍👦 done',
  'flags 🇯🇵🇺🇸🇫🇷',
  'thumbs 👍🏽👍🏿',
  'rainbow 🏳️‍🌈 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  'cafe\u0301 nai\u0308ve',
  'कृष्ण क्षत्रिय',
  '한국어 中文字符 日本語',
  'line\r\nbreak',
]

// Pushes `pieces`, releasing everything releasable after each, and returns every visible text seen.
function revealEachPush(pieces: string[]): string[] {
  const queue = new GraphemeQueue()
  const seen: string[] = []
  for (const piece of pieces) {
    queue.push(piece)
    queue.release(queue.releasable)
    seen.push(queue.visible)
  }
  queue.close()
  queue.release(queue.releasable)
  seen.push(queue.visible)
  return seen
}

describe('GraphemeQueue', () => {
  it.each(tricky)('releases only whole clusters of %s, at every two-piece split', (text) => {
    const ends = boundaries(text)
    for (let cut = 0; cut <= text.length; cut++) {
      const seen = revealEachPush([text.slice(0, cut), text.slice(cut)])
      for (const visible of seen) expect(ends.has(visible.length), `cut ${cut}`).toBe(true)
      expect(seen.at(-1)).toBe(text)
    }
  })

  it.each(tricky)('releases only whole clusters of %s fed one code unit at a time', (text) => {
    const ends = boundaries(text)
    const seen = revealEachPush(text.split(''))
    for (const visible of seen) expect(ends.has(visible.length)).toBe(true)
    expect(seen.at(-1)).toBe(text)
  })

  it('holds back the last cluster until more text arrives or the stream closes', () => {
    const queue = new GraphemeQueue()
    queue.push('ab')
    expect(queue.releasable).toBe(1)
    expect(queue.pending).toBe(2)
    queue.close()
    expect(queue.releasable).toBe(2)
  })

  it('completes an emoji ZWJ sequence split across pushes before releasing it', () => {
    const queue = new GraphemeQueue()
    queue.push('x👩\u200D')
    queue.release(queue.releasable)
    expect(queue.visible).toBe('x')
    queue.push('💻y')
    queue.release(queue.releasable)
    expect(queue.visible).toBe('x👩‍💻')
  })

  it('never releases a lone surrogate', () => {
    const queue = new GraphemeQueue()
    queue.push('ab\uD83D')
    queue.release(queue.releasable)
    expect(queue.visible).toBe('a')
    queue.push('\uDE00!')
    queue.release(queue.releasable)
    expect(queue.visible).toBe('ab😀')
  })

  it('keeps a combining mark with its base when they arrive in separate pushes', () => {
    const queue = new GraphemeQueue()
    queue.push('cafe')
    queue.release(queue.releasable)
    expect(queue.visible).toBe('caf')
    queue.push('\u0301!')
    queue.release(queue.releasable)
    expect(queue.visible).toBe('cafe\u0301')
  })

  it('releases a cluster again when it grows after releaseAll showed it', () => {
    const queue = new GraphemeQueue()
    queue.push('👩')
    queue.releaseAll()
    expect(queue.pending).toBe(0)
    queue.push('\u200D💻')
    expect(queue.pending).toBe(1)
    queue.close()
    queue.release(1)
    expect(queue.visible).toBe('👩‍💻')
  })

  it('counts pending clusters, not UTF-16 code units', () => {
    const queue = new GraphemeQueue()
    queue.push('👨‍👩‍👧‍👦🇯🇵e\u0301')
    expect(queue.pending).toBe(3)
    queue.release(2)
    expect(queue.visible).toBe('👨‍👩‍👧‍👦🇯🇵')
    expect(queue.pending).toBe(1)
  })

  it('segments only the held-back cluster plus the new text on each push', () => {
    const inputs: number[] = []
    const spy: GraphemeSegmenter = {
      segment(input) {
        inputs.push(input.length)
        return intl.segment(input)
      },
    }
    const queue = new GraphemeQueue(spy)
    for (let i = 0; i < 5000; i++) queue.push('word ')
    expect(Math.max(...inputs)).toBeLessThanOrEqual(6)
    expect(queue.releasable).toBe(5000 * 5 - 1)
  })

  it('cuts a long push into the same clusters as Intl.Segmenter on the whole text', () => {
    const text = 'a👨‍👩‍👧‍👦🇯🇵e\u0301 中文 👍🏽\r\n'.repeat(300)
    const ends = boundaries(text)
    const queue = new GraphemeQueue()
    queue.push(text)
    queue.close()
    let count = 0
    while (queue.releasable > 0) {
      queue.release(1)
      count++
      expect(ends.has(queue.visible.length)).toBe(true)
    }
    expect(count).toBe(graphemes(text).length)
  })

  it('segments a long push in bounded windows (Intl.Segmenter is quadratic on long strings)', () => {
    const inputs: number[] = []
    const spy: GraphemeSegmenter = {
      segment(input) {
        inputs.push(input.length)
        return intl.segment(input)
      },
    }
    const queue = new GraphemeQueue(spy)
    const start = performance.now()
    queue.push('long reply '.repeat(20_000))
    expect(performance.now() - start).toBeLessThan(1000)
    expect(Math.max(...inputs)).toBeLessThanOrEqual(256)
    expect(queue.releasable).toBe(220_000 - 1)
  })

  it('bounds the re-segmented tail even for a cluster of endless combining marks', () => {
    const inputs: number[] = []
    const spy: GraphemeSegmenter = {
      segment(input) {
        inputs.push(input.length)
        return intl.segment(input)
      },
    }
    const queue = new GraphemeQueue(spy)
    queue.push('a')
    for (let i = 0; i < 5000; i++) queue.push('\u0301')
    expect(Math.max(...inputs)).toBeLessThanOrEqual(130)
  })

  it('drops released positions without losing the ones still queued', () => {
    const queue = new GraphemeQueue()
    queue.push('ab'.repeat(3000))
    for (let i = 0; i < 700; i++) queue.release(7)
    expect(queue.visible).toBe('ab'.repeat(2450))
    expect(queue.released).toBe(4900)
  })
})

describe('approximate segmenter (engines without Intl.Segmenter)', () => {
  it.each(tricky.filter((text) => !text.startsWith('क')))(
    'agrees with Intl.Segmenter on %s',
    (text) => {
      const approximate = Array.from(createApproximateSegmenter().segment(text), (s) => s.segment)
      expect(approximate).toEqual(graphemes(text))
    },
  )
})
