import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, piecesOf, startRig, type Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(async () => rig?.close())

/** Everything issue 15 renders, in one reply: the four math forms, prices, tasks, notes, a diagram. */
const REPLY =
  String.raw`## Plan

Inline $a^2 + b^2 = c^2$ and \(x \in \mathbb{R}\); it costs $5 and $10.

$$
\sum_{k=1}^{n} k = \frac{n(n+1)}{2}
$$

\[
e^{i\pi} + 1 = 0
\]

- [x] Parse the stream[^parse]
- [ ] Render the tail

Frozen blocks stay put.[^frozen]

` +
  '```mermaid\nflowchart LR\n  A[Chunk] --> B[Block]\n  B --> C[Frozen]\n```\n\n' +
  String.raw`[^parse]: One reader for every chunk.
[^frozen]: They are rendered once.
`

describe('a rich reply in the demo', () => {
  it('streams math in all four forms, prices as text, task lists, footnotes linked both ways and a diagram', async () => {
    const page = await rig.openDemo()
    const ui = chat(page)
    rig.upstream.script({ chunks: piecesOf(REPLY, 4), delayMs: 6 })
    await ui.send('Everything at once')
    await ui.idle()
    const reply = ui.lastReply.locator('.tc-markdown')

    await expect.poll(() => reply.locator('.tc-math[data-tc-math-done] .katex').count()).toBe(4)
    expect(await reply.locator('.katex-display').count()).toBe(2)
    expect(await reply.textContent()).toContain('it costs $5 and $10.')

    const boxes = reply.getByRole('checkbox')
    expect(await boxes.count()).toBe(2)
    expect(
      await boxes.evaluateAll((all) => all.map((box) => (box as HTMLInputElement).disabled)),
    ).toEqual([true, true])
    expect(await reply.getByRole('checkbox', { name: 'Parse the stream' }).isChecked()).toBe(true)

    const notes = reply.getByRole('region', { name: 'Footnotes' })
    expect(await notes.locator('li').count()).toBe(2)
    const ref = reply.getByRole('link', { name: 'Footnote 1' })
    const target = (await ref.getAttribute('href')) ?? ''
    const note = reply.locator(`[id="${target.slice(1)}"]`)
    expect(await note.textContent()).toContain('One reader for every chunk.')
    const back = note.getByRole('link', { name: /Back to reference/ })
    expect(await back.getAttribute('href')).toBe(`#${await ref.getAttribute('id')}`)

    await expect.poll(() => reply.locator('[data-tc-diagram] svg').count()).toBe(1)
    expect(await reply.locator('h1').count()).toBe(0)
    await page.context().close()
  })
})
