import { describe, expect, it } from 'vitest'
import { readInlineMath, readMathBlockClosing, readMathBlockOpening } from './math-delimiters.js'

/** The TeX of every math span in `text`, scanning as the inline rule does. */
function mathIn(text: string): string[] {
  const found: string[] = []
  for (let i = 0; i < text.length; i++) {
    const math = readInlineMath(text, i)
    if (math && math !== 'unclosed') {
      found.push(`${math.opener}${math.tex}`)
      i = math.end - 1
    } else if (text[i] === '\\') i++
  }
  return found
}

describe('readInlineMath', () => {
  it.each([
    ['$x^2$ and $y$', ['$x^2', '$y']],
    ['$$\\sum_i x_i$$', ['$$\\sum_i x_i']],
    ['$$ a + b $$', ['$$ a + b ']],
    ['\\(a\\) then \\[b\\]', ['\\(a', '\\[b']],
    ['$a\\$b$', ['$a\\$b']],
    ['$a$, then', ['$a']],
    ['中文$E=mc^2$中文', ['$E=mc^2']],
    ['$a\nb$', ['$a\nb']],
    ['Prices $5 and $10, $x^2$ and \\(y\\)', ['$x^2', '\\(y']],
  ])('finds math in %j', (text, tex) => {
    expect(mathIn(text)).toEqual(tex)
  })

  it.each([
    'It costs $5 and $10.',
    'Pay $ 20 now',
    'That is 3$ each',
    'A literal \\$5$ here',
    '$x $ is open',
    '$x$5 is money',
    '$$  $$ is empty',
    '\\(\\) is empty',
  ])('keeps prices and non-math as text: %j', (text) => {
    expect(mathIn(text)).toEqual([])
  })

  it('reports unambiguous openers without their closer as unclosed, a lone $ as no math', () => {
    expect(readInlineMath('$$x', 0)).toBe('unclosed')
    expect(readInlineMath('\\(x', 0)).toBe('unclosed')
    expect(readInlineMath('\\[x', 0)).toBe('unclosed')
    expect(readInlineMath('$x', 0)).toBeNull()
    expect(readInlineMath('$x$', 0, 2)).toBeNull()
  })
})

describe('display math block lines', () => {
  it('opens a block on $$ or \\[ and closes it on a line ending with the closer', () => {
    const opening = readMathBlockOpening('$$')
    expect(opening).toMatchObject({ opener: '$$', closer: '$$', tex: '', closed: false })
    expect(readMathBlockClosing('x = 1', opening!)).toBeNull()
    expect(readMathBlockClosing('x = 1 $$  ', opening!)).toBe('x = 1 ')
    expect(readMathBlockClosing('$$ and more', opening!)).toBeNull()
    const bracket = readMathBlockOpening('\\[ a')
    expect(bracket).toMatchObject({ closer: '\\]', tex: ' a', closed: false })
    expect(readMathBlockClosing('\\\\]', bracket!)).toBeNull()
    expect(readMathBlockClosing('\\]', bracket!)).toBe('')
  })

  it('takes a formula closed on its line as a block only when nothing follows it', () => {
    expect(readMathBlockOpening('$$x$$')).toMatchObject({ tex: 'x', closed: true })
    expect(readMathBlockOpening('\\[x\\] ')).toMatchObject({ tex: 'x', closed: true })
    expect(readMathBlockOpening('$$x$$ is a formula')).toBeNull()
    expect(readMathBlockOpening('$$$$')).toBeNull()
    expect(readMathBlockOpening('$x$')).toBeNull()
    expect(readMathBlockOpening('\\(x\\)')).toBeNull()
  })
})
