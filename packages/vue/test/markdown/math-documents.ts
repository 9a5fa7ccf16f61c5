/**
 * Math-bearing replies shaped like a model's: all four delimiters, display math in lists, quotes and
 * tables, CJK around formulas, prices and escaped dollars, unterminated math at the end.
 */
export const mathDocuments: readonly string[] = [
  String.raw`## The quadratic formula

For $ax^2 + bx + c = 0$ with $a \neq 0$, the roots are
$$
x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}
$$
and the discriminant \(\Delta = b^2 - 4ac\) tells how many there are:

\[
\Delta > 0 \implies \text{two real roots}
\]

It costs $5 and $10 to print, $ 20 with shipping, or 3$ each; a literal \$ sign stays a dollar.
`,
  String.raw`1. Write the sum:
   $$
   S_n = \sum_{k=1}^{n} k
   $$
2. Pair the terms:

   \[ S_n = \frac{n(n+1)}{2} \]

   - nested: $S_3 = 6$
3. Done.

> A quote with display math:
> $$
> e^{i\pi} + 1 = 0
> $$
> and inline \(e\) too.
`,
  String.raw`| Name | Formula | Price |
| --- | :---: | ---: |
| Area | $\pi r^2$ | $5 |
| Energy | $$E = mc^2$$ | \$10 |
| Ratio | \(\frac{a}{b}\) | 3$ |

After the table, $$\int_0^1 x\,dx = \tfrac12$$ inline display math.
`,
  String.raw`勾股定理：$a^2+b^2=c^2$，其中$c$是斜边。价格是 $5 和 $10，不是公式。

$$
\begin{aligned}
a &= b + c \\
  &= d
\end{aligned}
$$

欧拉公式\(e^{i\theta}=\cos\theta+i\sin\theta\)很美。
`,
  String.raw`Errors show as source: $\frac{1}{$ and \(\unknowncommand{x}\).

$$
x = \left( \frac{a}{b}
$$

A display block with a blank line inside:

$$
a = 1

b = 2
$$

The end has an unterminated formula:

$$
\sum_{i=0}^{n} i^2 = \frac{n(n+1)(2n+1)}{6}`,
  String.raw`Unterminated inline math at the end: $$x + y and \(z`,
  String.raw`Hostile: $\href{javascript:alert(1)}{click}$, $\url{javascript:alert(2)}$,
\(\htmlClass{x}{y}\), \(\htmlId{a}{b}\), $\text{<img src=x onerror=alert(3)>}$ and
$$\includegraphics{javascript:alert(4)}$$
`,
]
