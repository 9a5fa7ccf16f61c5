import type { MockRequest } from '@typewriter-chat/mock-openai'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, replyText, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

type Sent = Array<{ role: string; content: string }>
const sentOf = (request: MockRequest | undefined): Sent =>
  request?.body?.['messages'] as unknown as Sent

/** Every answer names its number and the question it answers, so each version is told apart. */
function answerEachQuestion(): void {
  let n = 0
  rig.upstream.script((request) => {
    if (!request.path.endsWith('/chat/completions')) return undefined
    const question = sentOf(request).at(-1)?.content
    return { chunks: [`Answer ${++n} to: `, `${question}`], delayMs: 10 }
  })
}

const focusedName = (page: Page): Promise<string | null | undefined> =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label'))

describe('editing and versions in the browser', () => {
  it('an edit gets a new reply, the old one is one click away, and only the shown path is sent', async () => {
    answerEachQuestion()
    const page = await rig.openDemo()
    const ui = chat(page)
    const before = chatRequests(rig.upstream).length
    await ui.send('first question')
    await expect.poll(() => replyText(page)).toBe('Answer 1 to: first question')
    await ui.idle()
    await ui.send('second question')
    await expect.poll(() => replyText(page)).toBe('Answer 2 to: second question')
    await ui.idle()

    const second = ui.users.nth(1)
    const userText = () => second.locator('.tc-message__text').textContent()
    const editBox = page.getByRole('textbox', { name: 'Edit message' })
    // Escape leaves the message as it was, focus back on Edit.
    await second.getByRole('button', { name: 'Edit', exact: true }).click()
    await editBox.fill('never sent')
    await editBox.press('Escape')
    await expect.poll(() => editBox.count()).toBe(0)
    expect(await userText()).toBe('second question')
    const editButton = second.getByRole('button', { name: 'Edit', exact: true })
    expect(await editButton.evaluate((el) => el === document.activeElement)).toBe(true)

    await editButton.click()
    expect(await editBox.inputValue()).toBe('second question')
    await editBox.fill('second question, edited')
    await editBox.press('Enter')
    await expect.poll(() => replyText(page)).toBe('Answer 3 to: second question, edited')
    await ui.idle()
    expect(await userText()).toBe('second question, edited')
    expect(await focusedName(page)).toBe('Message')
    const edited = chatRequests(rig.upstream).slice(before)
    expect(edited).toHaveLength(3)
    expect(sentOf(edited[2])).toEqual([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'Answer 1 to: first question' },
      { role: 'user', content: 'second question, edited' },
    ])
    await expect.poll(() => second.getByRole('group', { name: 'Version 2 of 2' }).count()).toBe(1)

    // By keyboard: the button keeps focus on the version it brings up.
    await second.getByRole('button', { name: 'Previous version' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => userText()).toBe('second question')
    expect(await replyText(page)).toBe('Answer 2 to: second question')
    expect(await focusedName(page)).toBe('Previous version')
    expect(await page.getByRole('main').getByRole('status').textContent()).toBe('Version 1 of 2')
    expect(await ui.users.nth(1).getByRole('group').getAttribute('aria-label')).toBe(
      'Version 1 of 2',
    )

    await ui.users.nth(1).getByRole('button', { name: 'Next version' }).click()
    await expect.poll(() => userText()).toBe('second question, edited')
    expect(await replyText(page)).toBe('Answer 3 to: second question, edited')

    // Back on the first version, the next question follows it and nothing of the other is sent.
    await ui.users.nth(1).getByRole('button', { name: 'Previous version' }).click()
    await ui.send('and then?')
    await expect.poll(() => replyText(page)).toBe('Answer 4 to: and then?')
    await ui.idle()
    expect(sentOf(chatRequests(rig.upstream).at(-1))).toEqual([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'Answer 1 to: first question' },
      { role: 'user', content: 'second question' },
      { role: 'assistant', content: 'Answer 2 to: second question' },
      { role: 'user', content: 'and then?' },
    ])
    await page.context().close()
  })

  it('Regenerate keeps both replies, switched with the picker on the reply', async () => {
    answerEachQuestion()
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('question')
    await expect.poll(() => replyText(page)).toBe('Answer 1 to: question')
    await ui.idle()
    await ui.button('Regenerate').click()
    await expect.poll(() => replyText(page)).toBe('Answer 2 to: question')
    await ui.idle()
    expect(sentOf(chatRequests(rig.upstream).at(-1))).toEqual([
      { role: 'user', content: 'question' },
    ])
    expect(await ui.replies.count()).toBe(1)
    const picker = ui.lastReply.getByRole('group', { name: 'Version 2 of 2' })
    await expect.poll(() => picker.count()).toBe(1)
    expect(await picker.getByText('2 / 2').count()).toBe(1)

    await ui.lastReply.getByRole('button', { name: 'Previous version' }).click()
    await expect.poll(() => replyText(page)).toBe('Answer 1 to: question')
    await ui.lastReply.getByRole('button', { name: 'Next version' }).click()
    await expect.poll(() => replyText(page)).toBe('Answer 2 to: question')
    expect(await ui.replies.count()).toBe(1)
    await page.context().close()
  })
})
