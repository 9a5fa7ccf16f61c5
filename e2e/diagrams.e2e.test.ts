import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, piecesOf, recordDialogs, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

const FLOWCHART = '```mermaid\ngraph TD\n  A[Start] --> B{Works?}\n  B -->|yes| C[Ship it]\n```'
const INTRO = 'Here is the flow:\n\n'
const OUTRO = '\n\nThat is the whole flow.'

/** Counts, in the page, every diagram drawing inserted from now on. */
async function countDrawings(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const record = window as unknown as { __drawings: number }
    record.__drawings = 0
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (node instanceof Element && node.matches('.tc-diagram__view')) record.__drawings++
        }
      }
    }).observe(document.body, { childList: true, subtree: true })
  })
  return () => page.evaluate(() => (window as unknown as { __drawings: number }).__drawings)
}

/** Everything script-capable under the replies: elements, event attributes and links. */
function scriptCapable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const element of document.querySelectorAll('[data-role="assistant"] *')) {
      const tag = element.tagName.toLowerCase()
      if (['script', 'foreignobject', 'iframe', 'object', 'embed'].includes(tag)) found.push(tag)
      for (const attribute of element.attributes) {
        if (attribute.name.toLowerCase().startsWith('on')) found.push(`${tag}[${attribute.name}]`)
        if (/^\s*(?:javascript|vbscript|data):/i.test(attribute.value)) {
          found.push(`${tag}[${attribute.name}=${attribute.value}]`)
        }
      }
    }
    return found
  })
}

describe('Mermaid diagrams in a streamed reply', () => {
  it('show the code while the fence streams and draw it once, after it closed', async () => {
    const fence = piecesOf(FLOWCHART, 5)
    const gates = new Map<number, () => void>()
    const gate = (at: number) => new Promise<void>((resolve) => gates.set(at, resolve))
    // Held once inside the open fence (its first lines complete), and once after it closed but
    // before the next block began (so the closed fence is still the open tail).
    const inside = 1 + Math.ceil(FLOWCHART.indexOf('|yes|') / 5)
    const closed = 1 + fence.length + 1
    rig.upstream.scriptOnce({
      chunks: [INTRO, ...fence, '\n\n', ...piecesOf(OUTRO.trimStart(), 5)],
      beforeChunk: (index) => (index === inside || index === closed ? gate(index) : undefined),
    })
    const page = await rig.openDemo()
    const ui = chat(page)
    const drawings = await countDrawings(page)
    await ui.send('Draw the flow')
    const block = ui.lastReply.locator('.tc-diagram')

    await expect.poll(() => block.locator('code').textContent()).toContain('A[Start]')
    expect(await block.locator('.tc-code__lang').textContent()).toBe('Diagram')
    expect(await ui.lastReply.locator('svg').count()).toBe(0)
    gates.get(inside)!()

    await expect.poll(() => gates.has(closed)).toBe(true)
    await expect.poll(() => block.locator('code').textContent()).toContain('C[Ship it]')
    // Time for the typewriter to show the closing marker too.
    await page.waitForTimeout(600)
    expect(await ui.lastReply.locator('svg').count()).toBe(0)
    expect(await drawings()).toBe(0)
    gates.get(closed)!()

    await ui.idle()
    await expect.poll(() => block.locator('.tc-diagram__view svg').count()).toBe(1)
    await expect.poll(() => block.locator('.tc-diagram__view svg').isVisible()).toBe(true)
    expect(await block.locator('pre').isVisible()).toBe(false)
    expect(await block.locator('svg').textContent()).toContain('Ship it')
    await page.waitForTimeout(300)
    expect(await drawings()).toBe(1)
    expect(await ui.lastReply.locator('.tc-diagram').count()).toBe(1)
    await page.context().close()
  })

  it('toggle between drawing and source, and Copy copies the source', async () => {
    rig.upstream.scriptOnce({ chunks: piecesOf(INTRO + FLOWCHART + OUTRO, 7) })
    const page = await rig.openDemo()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    const ui = chat(page)
    await ui.send('Draw the flow')
    await ui.idle()
    const block = ui.lastReply.locator('.tc-diagram')
    const toggle = block.getByRole('button', { name: 'Source' })
    await expect.poll(() => toggle.isVisible()).toBe(true)
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')

    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    expect(await block.locator('pre').isVisible()).toBe(true)
    expect(await block.locator('svg').isVisible()).toBe(false)
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    expect(await block.locator('svg').isVisible()).toBe(true)

    await block.getByRole('button', { name: 'Copy code' }).click()
    const source = FLOWCHART.slice('```mermaid\n'.length, -'```'.length)
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(source)
    await page.context().close()
  })

  it('show a diagram that cannot be drawn as its source with the error, without Mermaid’s bomb', async () => {
    const broken = '```mermaid\ngraph TD\n  A[Start --> B((\n  this is not mermaid }}}\n```'
    rig.upstream.scriptOnce({ chunks: piecesOf(`${broken}\n\nAfter.`, 6) })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('Draw something broken')
    await ui.idle()
    const block = ui.lastReply.locator('.tc-diagram')
    await expect.poll(() => block.locator('.tc-diagram__error').count()).toBe(1)
    expect(await block.locator('.tc-diagram__error').textContent()).toMatch(/\S/)
    expect(await block.locator('pre').isVisible()).toBe(true)
    expect(await block.locator('code').textContent()).toContain('this is not mermaid')
    expect(await block.getByRole('button', { name: 'Source' }).isVisible()).toBe(false)
    expect(await page.locator('svg[aria-roledescription="error"]').count()).toBe(0)
    expect(await page.getByText('Syntax error in text').count()).toBe(0)
    await page.context().close()
  })

  it('follow the page’s dark scheme', async () => {
    const styles: string[] = []
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await rig.openDemo({ colorScheme })
      const ui = chat(page)
      rig.upstream.scriptOnce({ chunks: [FLOWCHART] })
      await ui.send('Draw the flow')
      await ui.idle()
      const svg = ui.lastReply.locator('.tc-diagram__view svg')
      await expect.poll(() => svg.count()).toBe(1)
      styles.push((await svg.locator('style').first().textContent()) ?? '')
      await page.context().close()
    }
    // Mermaid's default theme fills nodes #ECECFF; its dark theme does not.
    expect(styles[0]).toMatch(/#ececff/i)
    expect(styles[1]).not.toMatch(/#ececff/i)
  })

  it('execute nothing from hostile diagrams and leave no script-capable markup', async () => {
    const hostile = [
      '```mermaid\n%%{init: {"securityLevel":"loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}}}%%\ngraph TD\n' +
        '  A["<img src=x onerror=window.__pwned=1>"] --> B[Click me]\n' +
        '  click A call alert(1)\n  click B href "javascript:window.__pwned=2"\n' +
        '  C["<a href=\'javascript:window.__pwned=3\'>link</a>"] --> D["<script>window.__pwned=4</script>"]\n```',
      '```mermaid\nsequenceDiagram\n' +
        '  Alice->>Bob: <img src=x onerror=window.__pwned=5>\n  Bob-->>Alice: <svg onload=window.__pwned=6>\n```',
      '```mermaid\n---\nconfig:\n  securityLevel: loose\n  htmlLabels: true\n---\nflowchart LR\n' +
        '  X["<iframe src=javascript:window.__pwned=7>"] --> Y\n  click Y "javascript:window.__pwned=8"\n```',
    ].join('\n\n')
    rig.upstream.scriptOnce({ chunks: piecesOf(hostile, 9) })
    const page = await rig.openDemo()
    const dialogs = recordDialogs(page)
    const ui = chat(page)
    await ui.send('Draw something hostile')
    await ui.idle()
    const views = ui.lastReply.locator('.tc-diagram__view svg')
    await expect.poll(() => views.count()).toBe(3)
    for (const node of await ui.lastReply.locator('.tc-diagram__view g.node').all()) {
      await node.click({ force: true })
    }
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    )
    expect(await scriptCapable(page)).toEqual([])
    expect(await page.locator('.tc-diagram__view foreignObject').count()).toBe(0)
    await page.context().close()
  })

  it('draw the mock model’s diagram answer, a flowchart and a sequence diagram', async () => {
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('Draw a diagram of the request flow')
    await ui.idle()
    const svgs = ui.lastReply.locator('.tc-diagram__view svg')
    await expect.poll(() => svgs.count()).toBe(2)
    expect(await svgs.nth(0).getAttribute('aria-roledescription')).toMatch(/flowchart/)
    expect(await svgs.nth(1).getAttribute('aria-roledescription')).toBe('sequence')
    expect(await ui.lastReply.locator('.tc-diagram__error').count()).toBe(0)
    await page.context().close()
  })
})
