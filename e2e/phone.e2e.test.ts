import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

describe('on a phone (touch, 390 × 844)', () => {
  it('Enter adds a line and the Send button sends; the hint and the keyboard say so', async () => {
    rig.upstream.scriptOnce({ chunks: ['Got both lines.'] })
    const page = await rig.openDemo({ phone: true })
    const ui = chat(page)
    expect(await ui.input.getAttribute('enterkeyhint')).toBe('enter')
    expect(await page.locator('.tc-chat__empty-hint').textContent()).toContain(
      'Send sends, Enter starts a new line',
    )
    const before = chatRequests(rig.upstream).length
    await ui.input.tap()
    await page.keyboard.type('first line')
    await page.keyboard.press('Enter')
    await page.keyboard.type('second line')
    expect(await ui.input.inputValue()).toBe('first line\nsecond line')
    expect(chatRequests(rig.upstream).length).toBe(before)
    await ui.button('Send').tap()
    await ui.idle()
    expect(await ui.users.last().textContent()).toContain('first line\nsecond line')
    await page.context().close()
  })

  it('gives every control of a reply a tap target of at least 44 × 44 px', async () => {
    rig.upstream.scriptOnce({ chunks: ['Some code:\n\n```ts\nconst a = 1\n```\n'] })
    const page = await rig.openDemo({ phone: true })
    const ui = chat(page)
    await ui.input.fill('code please')
    await ui.button('Send').tap()
    await ui.idle()
    const sizes = await page
      .locator('.tc-chat button:visible, .demo-header button:visible')
      .evaluateAll((buttons) =>
        buttons.map((b) => {
          const { width, height } = b.getBoundingClientRect()
          return { name: b.getAttribute('aria-label') ?? b.textContent?.trim(), width, height }
        }),
      )
    expect(sizes.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Copy reply', 'Regenerate', 'Copy code', 'Send', 'Settings']),
    )
    for (const size of sizes) {
      expect(size.width, `${size.name} width`).toBeGreaterThanOrEqual(44)
      expect(size.height, `${size.name} height`).toBeGreaterThanOrEqual(44)
    }
    await page.context().close()
  })

  it('fits the header, brand whole, on a 360 px screen', async () => {
    const page = await rig.openDemo({ phone: true })
    await page.setViewportSize({ width: 360, height: 740 })
    const header = await page.locator('.demo-header').evaluate((el) => {
      const brand = el.querySelector('.demo-brand__name')!
      const right = Math.max(
        ...[...el.querySelectorAll('button')].map((b) => b.getBoundingClientRect().right),
      )
      return {
        overflow: el.scrollWidth - el.clientWidth,
        brandCut: brand.scrollWidth - brand.clientWidth,
        right,
      }
    })
    expect(header.overflow).toBe(0)
    expect(header.brandCut).toBe(0)
    expect(header.right).toBeLessThanOrEqual(360)
    await page.context().close()
  })

  it('breaks no word in a table cell to squeeze a column; the table scrolls instead', async () => {
    const table =
      '| Metric | Performance | Reliability | Maintainability | Compatibility |\n' +
      '| --- | --- | --- | --- | --- |\n' +
      '| Score | Excellent | Outstanding | Respectable | Unquestionable |\n'
    rig.upstream.scriptOnce({ chunks: [table] })
    const page = await rig.openDemo({ phone: true })
    const ui = chat(page)
    await ui.input.fill('a table')
    await ui.button('Send').tap()
    await ui.idle()
    const broken = await ui.lastReply.locator('th, td').evaluateAll((cells) =>
      cells
        .filter((cell) => {
          const range = document.createRange()
          range.selectNodeContents(cell)
          return range.getClientRects().length > 1
        })
        .map((cell) => cell.textContent),
    )
    expect(broken).toEqual([])
    const box = await ui.lastReply.locator('.tc-table').evaluate((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      right: el.getBoundingClientRect().right,
    }))
    expect(box.scrolls).toBe(true)
    expect(box.right).toBeLessThanOrEqual(390)
    await page.context().close()
  })
})
