// The reply the rich-reply benchmark streams: prose with inline math, 50 display formulas (both
// delimiters, in paragraphs, lists and quotes) and 3 Mermaid diagrams, deterministic.
import { seededRandom } from '../shared/llm-reply.mjs'

const FORMULAS = [
  String.raw`\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}`,
  String.raw`\sum_{k=1}^{n} k^2 = \frac{n(n+1)(2n+1)}{6}`,
  String.raw`\hat\beta = (X^\top X)^{-1} X^\top y`,
  String.raw`P(A \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}`,
  String.raw`\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}`,
  String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}^{-1} = \frac{1}{ad-bc}\begin{pmatrix} d & -b \\ -c & a \end{pmatrix}`,
  String.raw`\sigma = \sqrt{\frac{1}{N}\sum_{i=1}^{N}(x_i-\mu)^2}`,
  String.raw`f(x) = \begin{cases} x^2 & x \ge 0 \\ -x & x < 0 \end{cases}`,
  String.raw`\lim_{n\to\infty}\left(1+\frac{1}{n}\right)^n = e`,
  String.raw`e^{i\pi} + 1 = 0`,
]
const INLINE = [
  String.raw`$a^2 + b^2 = c^2$`,
  String.raw`\(x \in \mathbb{R}\)`,
  String.raw`$O(n \log n)$`,
]
const WORDS =
  'the model writes a formula then explains each term and how it streams into the page'.split(' ')

const DIAGRAMS = [
  'flowchart LR\n  A[Request] --> B{Cached?}\n  B -- yes --> C[Serve]\n  B -- no --> D[Generate]\n  D --> C',
  'sequenceDiagram\n  participant U as User\n  participant R as Relay\n  participant M as Model\n  U->>R: POST /api/chat\n  R->>M: stream\n  M-->>R: chunks\n  R-->>U: events',
  'classDiagram\n  class Stream {\n    +read()\n    +abort()\n  }\n  class Relay\n  Relay --> Stream',
]

/** The document: `formulas` display formulas (50) and the three diagrams, in seeded prose. */
export function richReply(formulas = 50, seed = 11) {
  const random = seededRandom(seed)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 8) }, () => pick(WORDS))
    if (random() < 0.4) words.splice(3, 0, pick(INLINE))
    return words.join(' ') + '.'
  }
  const blocks = ['# Notes with math and diagrams']
  for (let i = 0; i < formulas; i++) {
    const formula = FORMULAS[i % FORMULAS.length]
    blocks.push(`${sentence()} ${sentence()}`)
    const place = i % 4
    if (place === 0) blocks.push(`$$\n${formula}\n$$`)
    else if (place === 1) blocks.push(`\\[\n${formula}\n\\]`)
    else if (place === 2) blocks.push(`- ${sentence()}\n\n  $$\n  ${formula}\n  $$`)
    else blocks.push(`> ${sentence()}\n>\n> $$${formula}$$`)
    if (i % 17 === 8) blocks.push('```mermaid\n' + DIAGRAMS[Math.floor(i / 17)] + '\n```')
  }
  return blocks.join('\n\n') + '\n'
}
