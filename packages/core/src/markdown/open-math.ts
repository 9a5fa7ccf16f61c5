import { closesFence, lineContent, readFenceOpening, type FenceMarker } from './fence-line.js'
import {
  readMathBlockClosing,
  readMathBlockOpening,
  type MathBlockOpening,
} from './math-delimiters.js'

/**
 * The display math block (`$$` or `\[` on a line of its own) left open at the end of `text`, if any,
 * in list items and quotes too. Fences are followed alongside: `$$` in code is not math, and a fence
 * marker in TeX is not a fence.
 */
export function findOpenMathBlock(text: string): MathBlockOpening | undefined {
  let math: MathBlockOpening | undefined
  let fence: FenceMarker | undefined
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (math) {
      if (readMathBlockClosing(lineContent(line), math) !== null) math = undefined
    } else if (fence) {
      if (closesFence(line, fence)) fence = undefined
    } else {
      fence = readFenceOpening(line)
      const opening = fence ? null : readMathBlockOpening(lineContent(line))
      if (opening && !opening.closed) math = opening
    }
  }
  return math
}
