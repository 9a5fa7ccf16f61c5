// Deterministic LLM-shaped markdown for the benchmarks: the block mix chat models stream (headings,
// paragraphs with bold/code/links/CJK, lists, loose lists with code, fences, tables).

/** mulberry32: the same text on every run. */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'the stream renderer parses only its open tail while finished blocks stay frozen so each token ' +
  'costs the same at the end of a long reply as at its start and the browser keeps its frame budget ' +
  'for layout paint and highlighting of code that arrives line by line from the model'
).split(' ')
const CJK = [
  '流式输出需要逐块渲染。',
  '已完成的块不会再次解析。',
  'ストリーミングは速い。',
  '表格和代码块也一样 🚀。',
]

/** Display formulas of a math-heavy reply: fractions, sums, matrices, cases. */
const FORMULAS = [
  String.raw`\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}`,
  String.raw`\sum_{k=1}^{n} k^2 = \frac{n(n+1)(2n+1)}{6}`,
  String.raw`\hat\beta = (X^\top X)^{-1} X^\top y`,
  String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}^{-1} = \frac{1}{ad-bc}\begin{pmatrix} d & -b \\ -c & a \end{pmatrix}`,
  String.raw`f(x) = \begin{cases} x^2 & x \ge 0 \\ -x & x < 0 \end{cases}`,
]

/**
 * Sections of an LLM-shaped reply, each ending in a blank line, until they add up to at least
 * `size` characters. `math`: every section also carries a display formula and inline math.
 */
export function replySections(size, seed, { math = false } = {}) {
  const random = seededRandom(seed)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(WORDS))
    const roll = random()
    if (roll < 0.2) words[2] = `**${words[2]}**`
    else if (roll < 0.4) words[3] = `\`${words[3]}()\``
    else if (roll < 0.5) words[4] = `[${words[4]}](https://example.com/docs/${words[4]})`
    const text = words.join(' ')
    return text[0].toUpperCase() + text.slice(1) + (random() < 0.2 ? ` ${pick(CJK)}` : '.')
  }
  const paragraph = () => Array.from({ length: 2 + Math.floor(random() * 3) }, sentence).join(' ')
  const fence = (indent) => {
    const lines = Array.from(
      { length: 6 + Math.floor(random() * 14) },
      (_, index) => `${indent}  const ${pick(WORDS)}${index} = await ${pick(WORDS)}(${index})`,
    )
    return `${indent}\`\`\`ts\n${indent}export async function run() {\n${lines.join('\n')}\n${indent}}\n${indent}\`\`\``
  }
  const table = () => {
    const rows = Array.from(
      { length: 4 },
      (_, row) => `| ${pick(WORDS)} | ${row * 17} ms | ${pick(CJK)} |`,
    )
    return `${sentence()}\n| Name | Cost | Note |\n| --- | ---: | --- |\n${rows.join('\n')}`
  }
  const sections = []
  let length = 0
  for (let index = 1; length < size; index++) {
    const parts = [`## ${index}. ${sentence().slice(0, 40)}`, paragraph(), paragraph()]
    if (math) {
      parts.push(`Where $x_${index} \\in \\mathbb{R}$ and \\(n = ${index}\\), ${sentence()}`)
      parts.push(`$$\n${pick(FORMULAS)}\n$$`)
    }
    const roll = random()
    if (roll < 0.3) parts.push(Array.from({ length: 4 }, () => `- ${sentence()}`).join('\n'))
    else if (roll < 0.55) {
      parts.push(`1. ${sentence()}\n\n${fence('   ')}\n\n2. ${sentence()}\n\n3. ${sentence()}`)
    } else if (roll < 0.8) parts.push(fence(''))
    else parts.push(table())
    if (random() < 0.3) parts.push(`> ${sentence()}`)
    const section = parts.join('\n\n') + '\n\n'
    sections.push(section)
    length += section.length
  }
  return sections
}

/** The run of whole sections from the start of `sections` whose length is nearest to `size`. */
export function prefixOf(sections, size) {
  let text = ''
  for (const section of sections) {
    if (Math.abs(text.length + section.length - size) > Math.abs(text.length - size)) break
    text += section
  }
  return text
}

/** Splits into ~`chars`-character tokens without splitting a code point. */
export function tokenize(source, chars) {
  const points = Array.from(source)
  const tokens = []
  for (let at = 0; at < points.length; at += chars) {
    tokens.push(points.slice(at, at + chars).join(''))
  }
  return tokens
}
