import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, piecesOf, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
// A hang-up alone leaves a reply running for the resume grace: Stop's stop request ends it.
beforeAll(async () => (rig = await startRig({ RELAY_RESUME_GRACE_MS: '600000' })))
afterAll(() => rig?.close())

const serverError = {
  status: 500,
  error: { message: 'The server had an error', type: 'server_error', code: null, param: null },
}

/** The accessible name of the focused element, or its tag when it has none (`BODY`). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement
    return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? active?.tagName
  })

/** Focuses the button `name` and presses Enter on it, as a keyboard user does. */
async function pressButton(page: Page, name: string): Promise<void> {
  const button = chat(page).button(name)
  await button.focus()
  await button.press('Enter')
}

describe('a failed reply', () => {
  it('stays marked on its turn, with the upstream status and Retry there, after the banner goes', async () => {
    rig.upstream.scriptOnce(serverError)
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('hello')
    await ui.alert.waitFor()
    // The relay answers 502 for an upstream 500 and says so in the body: the user reads 500.
    expect(await ui.alert.textContent()).toContain('HTTP 500')
    const mark = ui.lastReply.locator('[data-error]')
    expect(await ui.lastReply.getAttribute('data-status')).toBe('error')
    expect(await mark.textContent()).toMatch(/Reply failed\..*unavailable.*HTTP 500/)
    await pressButton(page, 'Dismiss')
    expect(await ui.alert.count()).toBe(0)
    await expect.poll(() => focused(page)).toBe('Message')
    expect(await mark.isVisible()).toBe(true)

    rig.upstream.scriptOnce({ chunks: ['Fine ', 'now.'] })
    await ui.send('and now?')
    await ui.idle()
    // The failed turn still says so; only the last reply offers Retry.
    expect(await ui.replies.first().getAttribute('data-status')).toBe('error')
    expect(await ui.replies.first().locator('[data-error]').textContent()).toContain('HTTP 500')
    expect(await ui.replies.last().getAttribute('data-status')).toBe('done')
    expect(await ui.button('Retry').count()).toBe(0)
    await page.context().close()
  })

  it('a reply cut mid-way is marked, and Retry on it resumes it', async () => {
    rig.upstream.scriptOnce({ chunks: ['Half ', 'of it'], delayMs: 20, dropAfter: 2 })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('hello')
    await ui.alert.waitFor()
    expect(await ui.lastReply.locator('[data-error]').textContent()).toContain(
      'connection was lost',
    )
    rig.upstream.scriptOnce({ chunks: [' and the rest.'] })
    await pressButton(page, 'Retry')
    await ui.idle()
    expect(await ui.lastReply.getAttribute('data-status')).toBe('done')
    expect(await ui.lastReply.locator('[data-error]').count()).toBe(0)
    await expect.poll(() => focused(page)).toBe('Message')
    await page.context().close()
  })

  it('offline, says the server could not be reached, not that a reply was cut', async () => {
    const page = await rig.openDemo()
    const ui = chat(page)
    await page.context().setOffline(true)
    await ui.send('hello')
    await ui.alert.waitFor()
    expect(await ui.alert.textContent()).toContain('Could not reach the server')
    expect(await ui.alert.textContent()).not.toContain('before the reply finished')
    await page.context().close()
  })
})

describe('message states and the keyboard', () => {
  it('marks every message with data-status as it goes: pending, streaming, done', async () => {
    rig.upstream.scriptOnce({ chunks: piecesOf('word '.repeat(200), 5), firstChunkDelayMs: 600 })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('hello')
    await expect.poll(() => ui.lastReply.getAttribute('data-status')).toBe('pending')
    await expect.poll(() => ui.lastReply.getAttribute('data-status')).toBe('streaming')
    await ui.idle()
    expect(await ui.lastReply.getAttribute('data-status')).toBe('done')
    expect(await ui.users.last().getAttribute('data-status')).toBe('done')
    await page.context().close()
  })

  it('says it is waiting for the model, and for how long', async () => {
    rig.upstream.scriptOnce({ chunks: ['Here.'], firstChunkDelayMs: 3500 })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('hello')
    await expect.poll(() => ui.lastReply.textContent()).toContain('Waiting for the model')
    await expect.poll(() => ui.lastReply.textContent()).toMatch(/Waiting for the model… [2-9] s/)
    await ui.idle()
    expect(await ui.lastReply.textContent()).not.toContain('Waiting')
    await page.context().close()
  })

  it('Escape in the message box stops a streaming reply', async () => {
    rig.upstream.scriptOnce({ chunks: piecesOf('word '.repeat(2000), 5), delayMs: 10 })
    const page = await rig.openDemo()
    const ui = chat(page)
    const before = chatRequests(rig.upstream).length
    await ui.send('Talk for a long time')
    await expect.poll(() => ui.lastReply.getAttribute('data-status')).toBe('streaming')
    await ui.input.press('Escape')
    await expect.poll(() => ui.lastReply.getAttribute('data-status')).toBe('stopped')
    await chatRequests(rig.upstream)[before]!.closed
    expect(chatRequests(rig.upstream)[before]!.abortedByClient).toBe(true)
    await page.context().close()
  })

  it('keeps focus in the chat when Continue or Regenerate disappears, and sums tokens over Stop → Continue', async () => {
    rig.upstream.scriptOnce({ chunks: piecesOf('word '.repeat(2000), 5), delayMs: 10 })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('Talk for a long time')
    await expect.poll(() => ui.lastReply.getAttribute('data-status')).toBe('streaming')
    await page.waitForTimeout(300)
    await ui.button('Stop').click()
    await expect.poll(() => ui.lastReply.getAttribute('data-status')).toBe('stopped')
    const usage = { prompt_tokens: 30, completion_tokens: 141, total_tokens: 171 }
    rig.upstream.scriptOnce({ chunks: [' and that is all.'], usage })
    await pressButton(page, 'Continue')
    await ui.idle()
    await expect.poll(() => focused(page)).toBe('Message')
    // The stopped part is counted from its chunks: more than the continuation's 141, marked ~.
    const tokens = await ui.lastReply.locator('.tc-message__facts').textContent()
    const count = Number(/~(\d+) tokens/.exec(tokens ?? '')?.[1])
    expect(count).toBeGreaterThan(141)

    rig.upstream.scriptOnce({ chunks: ['Another answer.'] })
    await pressButton(page, 'Regenerate')
    await ui.idle()
    await expect.poll(() => focused(page)).toBe('Message')
    await page.context().close()
  })
})

describe('replies in the page', () => {
  it('demote their headings (no h1 in the transcript) and name their copy buttons', async () => {
    const reply = '# Title\n\n## Part\n\nText.\n\n```ts\nconst a = 1\n```\n'
    rig.upstream.scriptOnce({ chunks: piecesOf(reply, 6) })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('Headings')
    await ui.idle()
    expect(await ui.log.locator('h1, h2').count()).toBe(0)
    expect(await ui.lastReply.locator('h3').textContent()).toBe('Title')
    expect(await ui.lastReply.locator('h4').textContent()).toBe('Part')
    // A page heading is far larger than a reply's.
    const size = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await size('[data-role="assistant"] h3')).toBeLessThan(20)
    expect(await ui.lastReply.getByRole('button', { name: 'Copy reply' }).count()).toBe(1)
    expect(await ui.lastReply.getByRole('button', { name: 'Copy code' }).count()).toBe(1)
    await page.context().close()
  })

  it('name their copy buttons in Chinese too', async () => {
    rig.upstream.scriptOnce({ chunks: ['好的。\n\n```ts\nconst a = 1\n```\n'] })
    const page = await rig.openDemo({ settings: { locale: 'zh-CN' } })
    await page.getByRole('textbox', { name: '消息' }).fill('你好')
    await page.getByRole('textbox', { name: '消息' }).press('Enter')
    await chat(page).idle()
    const reply = chat(page).lastReply
    expect(await reply.getByRole('button', { name: '复制回复' }).count()).toBe(1)
    expect(await reply.getByRole('button', { name: '复制代码' }).count()).toBe(1)
    await page.context().close()
  })

  it('the header badge names the model in use', async () => {
    const page = await rig.openDemo()
    const badge = page.locator('.demo-badge')
    await badge.waitFor()
    expect(await badge.textContent()).toMatch(/^\s*Model: /)
    expect(await badge.textContent()).not.toMatch(/offline/)
    await page.context().close()
  })
})
