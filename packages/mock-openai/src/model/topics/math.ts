import type { AnswerContext, Topic } from './topic.js'

const MATH_WORDS =
  /\b(?:math|maths|equations?|formulas?|formulae|latex|katex|tex|algebra|calculus|integrals?|quadratic)\b/i

const quadratic = (context: AnswerContext): string =>
  String.raw`## The quadratic formula

You asked about "${context.subject}". For $ax^2 + bx + c = 0$ with $a \neq 0$, the roots are

$$
x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}
$$

and the discriminant \(\Delta = b^2 - 4ac\) says how many real roots there are.`

const series = (): string =>
  String.raw`## Two sums

1. Pair the first and last terms:
   \[
   \sum_{k=1}^{n} k = \frac{n(n+1)}{2}
   \]
2. Or square them: $$\sum_{k=1}^{n} k^2 = \frac{n(n+1)(2n+1)}{6}$$`

const table = (): string =>
  String.raw`| Quantity | Formula |
| --- | :---: |
| Circle area | $\pi r^2$ |
| Energy | $$E = mc^2$$ |
| Euler | \(e^{i\pi} + 1 = 0\) |`

const prices = (): string =>
  String.raw`Prices are not math: the book costs $5 and $10 with shipping, $ 20 in a store, or 3$ used; an escaped \$ sign stays a dollar.`

/** "Show me some math": every delimiter, display math in a list and a table, and prices as text. */
export const mathTopic: Topic = {
  name: 'math',
  matches: (question) => MATH_WORDS.test(question),
  compose: (context) => [quadratic(context), series(), table(), prices()],
  sections: [quadratic, series, table, prices],
}
