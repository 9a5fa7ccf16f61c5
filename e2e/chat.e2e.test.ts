import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, piecesOf, recordGrowth, replyText, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
// A hang-up alone leaves a reply running for the resume grace: at ten minutes, only the stop request
// that Stop sends can cancel an upstream call within a test.
beforeAll(async () => (rig = await startRig({ RELAY_RESUME_GRACE_MS: '600000' })))
afterAll(() => rig?.close())

const ANSWER =
  'Streaming works **token by token**.\n\n' +
  '- first point, with `code`\n- second point\n\n' +
  '```ts\nconst answer = 42\n```\n\n' +
  'And a closing paragraph that is long enough to need several steps to appear on screen.'

describe('a reply in the browser', () => {
  it('grows in many visible steps after typing and pressing Enter', async () => {
    rig.upstream.script({ chunks: piecesOf(ANSWER, 4), delayMs: 15 })
    const page = await rig.openDemo()
    const ui = chat(page)
    const growth = await recordGrowth(page)
    await ui.send('Show me streaming')
    await expect.poll(() => ui.users.last().textContent()).toContain('Show me streaming')
    await ui.idle()
    const lengths = await growth.lengths()
    // Every step is an extension of the one before, and there are many of them.
    expect(lengths.length).toBeGreaterThan(15)
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b))
    expect(await ui.lastReply.locator('strong').textContent()).toBe('token by token')
    expect(await ui.lastReply.locator('pre code').textContent()).toBe('const answer = 42\n')
    const request = chatRequests(rig.upstream).at(-1)!
    expect(request.body?.messages).toEqual([{ role: 'user', content: 'Show me streaming' }])
    expect(request.headers.authorization).toBe('Bearer sk-e2e-secret')
    await page.context().close()
  })

  it('Stop stops the growth, keeps the partial reply and cancels the upstream call', async () => {
    rig.upstream.script({ chunks: piecesOf('word '.repeat(2000), 5), delayMs: 10 })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('Talk for a long time')
    await expect.poll(() => replyText(page)).toMatch(/(word ){20}/)
    const request = chatRequests(rig.upstream).at(-1)!
    await ui.button('Stop').click()
    await request.closed
    expect(request.abortedByClient).toBe(true)
    const partial = await replyText(page)
    await page.waitForTimeout(400)
    expect(await replyText(page)).toBe(partial)
    expect(await ui.lastReply.getAttribute('data-status')).toBe('stopped')
    await expect.poll(() => ui.button('Continue').isVisible()).toBe(true)
    await page.context().close()
  })

  it('Enter during IME composition sends nothing; Enter after it sends', async () => {
    rig.upstream.script({ chunks: ['你好！'] })
    const before = chatRequests(rig.upstream).length
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.input.focus()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 })
    // The Enter a user presses to pick the candidate, while the composition is open.
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
    })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter' })
    await cdp.send('Input.insertText', { text: '你好' })
    await page.waitForTimeout(300)
    expect(chatRequests(rig.upstream).length).toBe(before)
    expect(await ui.input.inputValue()).toBe('你好')
    expect(await ui.users.count()).toBe(0)

    await ui.input.press('Enter')
    await ui.idle()
    await expect.poll(() => replyText(page)).toBe('你好！')
    expect(chatRequests(rig.upstream).at(-1)?.body?.messages).toEqual([
      { role: 'user', content: '你好' },
    ])
    await page.context().close()
  })

  it('continues a reply cut by the token limit into one seamless reply', async () => {
    rig.upstream.script({ chunks: ['unused'] })
    rig.upstream.scriptOnce({
      chunks: ['The first half ', 'of the answer'],
      finishReason: 'length',
    })
    rig.upstream.scriptOnce({ chunks: [' and the second half.'] })
    const before = chatRequests(rig.upstream).length
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('A long answer please')
    await ui.idle()
    await expect
      .poll(() => replyText(page))
      .toBe('The first half of the answer and the second half.')
    expect(await ui.replies.count()).toBe(1)
    expect(chatRequests(rig.upstream).length - before).toBe(2)
    expect(await ui.button('Continue').count()).toBe(0)
    await page.context().close()
  })

  it('does not undo the reader scrolling up during a stream, and jumps back on request', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Line ${i} of a long reply.\n\n`).join('')
    rig.upstream.script({ chunks: piecesOf(lines, 12), delayMs: 8 })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('Long reply')
    const scroll = () =>
      ui.log.evaluate((el) => ({
        top: el.scrollTop,
        fromEnd: el.scrollHeight - el.clientHeight - el.scrollTop,
        height: el.scrollHeight,
      }))
    await expect.poll(async () => (await scroll()).height).toBeGreaterThan(2500)
    expect((await scroll()).fromEnd).toBeLessThan(30)

    await ui.log.hover()
    await page.mouse.wheel(0, -600)
    await expect.poll(async () => (await scroll()).fromEnd).toBeGreaterThan(300)
    const kept = (await scroll()).top
    const height = (await scroll()).height
    await expect.poll(async () => (await scroll()).height).toBeGreaterThan(height + 400)
    expect(Math.abs((await scroll()).top - kept)).toBeLessThan(2)

    // By keyboard: the button goes once at the bottom, and focus stays in the chat, on the message box.
    await ui.button('Jump to latest').focus()
    await ui.button('Jump to latest').press('Enter')
    await expect.poll(async () => (await scroll()).fromEnd).toBeLessThan(30)
    await expect.poll(() => ui.button('Jump to latest').count()).toBe(0)
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Message')
    await ui.button('Stop').click()
    await page.context().close()
  })
})
