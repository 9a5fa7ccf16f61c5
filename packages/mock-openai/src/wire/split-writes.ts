import type { Frame } from './stream-frames.js'

/**
 * Re-cuts a timeline into writes of at most `size` bytes, `stepMs` apart from the first one: how a
 * test gets a reply byte by byte, with UTF-8 sequences split across writes. Only the last piece of
 * a frame completes its event.
 */
export function* splitWrites(
  frames: Iterable<Frame>,
  size: number,
  stepMs: number,
): Generator<Frame> {
  let start: number | undefined
  let writes = 0
  for (const frame of frames) {
    start ??= frame.at
    if ('gate' in frame) {
      yield { ...frame, at: start + writes * stepMs }
      continue
    }
    if ('drop' in frame) {
      yield { at: start + Math.max(writes - 1, 0) * stepMs, drop: true }
      return
    }
    const bytes = typeof frame.data === 'string' ? Buffer.from(frame.data) : frame.data
    for (let offset = 0; offset < bytes.length; offset += size) {
      const end = Math.min(offset + size, bytes.length)
      yield {
        at: start + writes * stepMs,
        data: bytes.subarray(offset, end),
        event: frame.event === true && end === bytes.length,
      }
      writes++
    }
  }
}
