import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(async () => rig?.close())

const paragraphs = (word: string) => `${word} `.repeat(400).trim() + '\n\n'

describe('a long conversation', () => {
  it('skips rendering messages off screen, and find-in-page still finds their text', async () => {
    const page = await rig.openDemo()
    const ui = chat(page)
    for (let turn = 0; turn < 4; turn++) {
      rig.upstream.script({ chunks: [`Answer ${turn}: ${paragraphs(`word${turn}`).repeat(3)}`] })
      await ui.send(`question ${turn}`)
      await ui.idle()
    }
    await expect.poll(() => ui.replies.count()).toBe(4)
    // At the bottom: the first reply is far above the viewport, the last one in it.
    const rendered = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-role="assistant"] .tc-markdown')].map((markdown) =>
          markdown.checkVisibility({ contentVisibilityAuto: true }),
        ),
      )
    await expect.poll(async () => (await rendered()).at(-1)).toBe(true)
    expect((await rendered())[0]).toBe(false)

    // The browser's find (what Ctrl+F runs) reaches the skipped reply and brings it on screen.
    // (Window.find is non-standard, so TypeScript's DOM types leave it out.)
    const found = await page.evaluate(() =>
      (window as unknown as { find(text: string, ...flags: boolean[]): boolean }).find(
        'Answer 0:',
        false,
        false,
        true,
      ),
    )
    expect(found).toBe(true)
    await expect.poll(async () => (await rendered())[0]).toBe(true)
    await page.context().close()
  })
})
