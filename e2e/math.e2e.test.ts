import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, piecesOf, startRig, type Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(async () => rig?.close())

const REPLY = String.raw`Inline $x^2 + y^2 = r^2$ and \(e^{i\pi} = -1\).

$$
x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}
$$

1. In a list:
   \[
   \sum_{k=1}^{n} k = \frac{n(n+1)}{2}
   \]

| Name | Formula |
| --- | --- |
| Energy | $$E = mc^2$$ |

It costs $5 and $10, $ 20 or 3$; an escaped \$ stays a dollar.

Hostile: $\href{javascript:alert(1)}{click}$ $\url{javascript:alert(2)}$ \(\htmlClass{evil}{x}\)
\(\htmlId{evil}{y}\) $\text{<img src=x onerror=alert(3)>}$ $$\includegraphics{javascript:alert(4)}$$
`

describe('math in a streamed reply', () => {
  it('typesets all four forms with KaTeX, loaded on first use, never showing delimiters as prose', async () => {
    const page = await rig.openDemo()
    const ui = chat(page)
    const loadedKatex = () =>
      page.evaluate(() =>
        performance.getEntriesByType('resource').some((entry) => /katex/i.test(entry.name)),
      )
    expect(await loadedKatex()).toBe(false)
    await page.evaluate(() => {
      const state = window as unknown as {
        __alerts: unknown[]
        __prose: string[]
        __frames: number
      }
      state.__frames = 0
      state.__alerts = []
      state.__prose = []
      window.alert = (message?: unknown) => void state.__alerts.push(message)
      // Every frame: the reply's prose (formulas, code and caret removed) must hold no delimiter.
      const sample = () => {
        const reply = [...document.querySelectorAll('[data-role="assistant"] .tc-markdown')].at(-1)
        if (reply) {
          state.__frames++
          const copy = reply.cloneNode(true) as Element
          for (const element of copy.querySelectorAll('.tc-math, code, .tc-caret')) element.remove()
          const text = copy.textContent ?? ''
          if (/\$\$|\\\[|\\\(/.test(text)) state.__prose.push(text)
        }
        requestAnimationFrame(sample)
      }
      requestAnimationFrame(sample)
    })
    rig.upstream.script({ chunks: piecesOf(REPLY, 3), delayMs: 8 })
    await ui.send('Show me some math')
    await ui.idle()

    const reply = ui.lastReply.locator('.tc-markdown')
    expect(await loadedKatex()).toBe(true)
    const sampled = await page.evaluate(() => {
      const state = window as unknown as { __prose: string[]; __frames: number }
      return { prose: state.__prose, frames: state.__frames }
    })
    expect(sampled.frames).toBeGreaterThan(20)
    expect(sampled.prose).toEqual([])
    await expect.poll(() => reply.locator('.tc-math[data-tc-math-done] .katex').count()).toBe(11)
    expect(await reply.locator('.tc-math--display .katex-display').count()).toBe(4)
    expect(await reply.locator('li .katex-display, td .katex-display').count()).toBe(2)
    const font = await reply
      .locator('.katex')
      .first()
      .evaluate((element) => getComputedStyle(element).fontFamily)
    expect(font).toContain('KaTeX_Main')
    expect(await reply.textContent()).toContain(
      'It costs $5 and $10, $ 20 or 3$; an escaped $ stays',
    )

    const unsafe = await reply.evaluate((root) => {
      const found: string[] = []
      for (const element of root.querySelectorAll('*')) {
        if (/^(A|SCRIPT|IMG|IFRAME|OBJECT|EMBED|FOREIGNOBJECT)$/i.test(element.tagName)) {
          found.push(element.tagName)
        }
        for (const { name, value } of element.attributes) {
          if (/^on|href$|^src$/i.test(name) || /javascript:/i.test(value)) found.push(name)
        }
      }
      return found.concat(root.querySelector('.evil, #evil') ? ['evil'] : [])
    })
    expect(unsafe).toEqual([])
    await page.waitForTimeout(200)
    expect(
      await page.evaluate(() => (window as unknown as { __alerts: unknown[] }).__alerts),
    ).toEqual([])
  })
})
