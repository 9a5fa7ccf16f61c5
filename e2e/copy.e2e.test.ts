import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, piecesOf, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

const REPLY =
  '## Plan\n\nShip it **today**.\n\n- [x] tests\n- [ ] docs\n\n' +
  '```ts\nconst shipped = true\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'

describe('copying a reply', () => {
  it('writes the rendered reply as text/html and its markdown as text/plain; code Copy stays plain', async () => {
    rig.upstream.script({ chunks: piecesOf(REPLY, 7), delayMs: 5 })
    const page = await rig.openDemo()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(page.url()).origin,
    })
    const ui = chat(page)
    await ui.send('Plan the release')
    await ui.idle()
    await ui.lastReply.getByRole('button', { name: 'Copy reply', exact: true }).click()
    const clipboard = async () =>
      page.evaluate(async () => {
        const [item] = await navigator.clipboard.read()
        const read = async (type: string) =>
          item?.types.includes(type) ? (await item.getType(type)).text() : null
        return { html: await read('text/html'), plain: await read('text/plain') }
      })
    await expect.poll(async () => (await clipboard()).plain).toBe(REPLY)
    const { html } = await clipboard()
    expect(html).toContain('<h2>Plan</h2>')
    expect(html).toContain('<strong>today</strong>')
    expect(html).toContain('<input type="checkbox" disabled="" checked="">')
    expect(html).toContain('<pre><code class="language-ts">const shipped = true\n</code></pre>')
    expect(html).toContain('<td>1</td>')
    expect(html).not.toMatch(/<button|tc-caret|class="tc-|data-tc-|aria-/)

    await ui.lastReply.getByRole('button', { name: 'Copy code' }).click()
    await expect.poll(clipboard).toEqual({ html: null, plain: 'const shipped = true\n' })
    await page.context().close()
  })
})
