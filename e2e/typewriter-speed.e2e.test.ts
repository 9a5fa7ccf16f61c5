import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, piecesOf, replyText, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

// 771 characters, streamed in about half a second: far faster than 10 or 400 chars/s.
const REPLY = 'The typewriter keeps the pace the reader chose. '.repeat(16).slice(0, 771)

/** Opens the demo set to `typewriterSpeed` and resolves once the upstream has sent the whole reply. */
async function fastReplyAt(typewriterSpeed: number) {
  rig.upstream.script({ chunks: piecesOf(REPLY, 13), delayMs: 8 })
  const page = await rig.openDemo({ settings: { typewriterSpeed } })
  const ui = chat(page)
  const before = chatRequests(rig.upstream).length
  await ui.send('Fast reply')
  await expect.poll(() => chatRequests(rig.upstream).length).toBeGreaterThan(before)
  await chatRequests(rig.upstream)[before]!.closed
  return { page, ui }
}

describe('the typewriter speed setting', () => {
  it('at 400 chars/s shows a fast reply whole soon after it arrived', async () => {
    const { page, ui } = await fastReplyAt(400)
    await ui.idle()
    expect(await replyText(page)).toBe(REPLY.trim())
    await page.context().close()
  })

  it('at 10 chars/s types the same reply visibly slower, long after it arrived', async () => {
    const { page, ui } = await fastReplyAt(10)
    // The whole reply is in the browser; a second later the typewriter is still on its first words.
    await page.waitForTimeout(1000)
    const shown = (await replyText(page)).length
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(REPLY.length / 10)
    await expect.poll(async () => (await replyText(page)).length).toBeGreaterThan(shown)
    expect(await ui.lastReply.getAttribute('data-status')).toBe('streaming')
    await ui.button('Stop').click()
    await page.context().close()
  })
})
