import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, piecesOf, replyText, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
// A reload hangs up the reply's connection: at ten minutes' grace the relay keeps it for the resume.
beforeAll(async () => (rig = await startRig({ RELAY_RESUME_GRACE_MS: '600000' })))
afterAll(() => rig?.close())

const list = (page: Page) => page.getByRole('navigation', { name: 'Conversations' })
const titles = (page: Page) => list(page).locator('[data-conversation]').allTextContents()
const trimmed = async (page: Page) => (await titles(page)).map((title) => title.trim())

/** Asks `question` and waits for `answer`, shown as `shown` once rendered. */
async function ask(page: Page, question: string, answer: string, shown = answer): Promise<void> {
  rig.upstream.scriptOnce({ chunks: piecesOf(answer, 8) })
  const ui = chat(page)
  await ui.send(question)
  await expect.poll(() => replyText(page)).toBe(shown)
  await ui.idle()
}

/** The conversations the page's IndexedDB holds, as the kit stored them. */
function stored(page: Page) {
  return page.evaluate(
    () =>
      new Promise<
        {
          inFlight?: { lastEventId: string }
          tree: {
            nodes: Record<string, { message: { role: string; content: string; received?: string } }>
          }
        }[]
      >((resolve, reject) => {
        const open = indexedDB.open('typewriter-chat')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('conversations')) return resolve([])
          const all = db.transaction('conversations').objectStore('conversations').getAll()
          all.onsuccess = () => resolve(all.result)
          all.onerror = () => reject(all.error)
        }
      }),
  )
}

describe('conversations that last', () => {
  it('keeps two conversations through a reload, listed newest first under Conversations, and switches', async () => {
    const page = await rig.openDemo()
    await ask(page, 'What is a lighthouse?', 'A tower with a light that guides ships.')
    await list(page).getByRole('button', { name: 'New chat', exact: true }).click()
    await expect.poll(() => chat(page).users.count()).toBe(0)
    await ask(page, 'Name a bird', 'The wren is a small bird.')
    await expect.poll(() => trimmed(page)).toEqual(['Name a bird', 'What is a lighthouse?'])

    await page.reload()
    await chat(page).input.waitFor()
    await expect.poll(() => trimmed(page)).toEqual(['Name a bird', 'What is a lighthouse?'])
    // The address names the conversation shown: the reload reopened it.
    expect(await replyText(page)).toBe('The wren is a small bird.')
    await list(page).getByRole('button', { name: 'What is a lighthouse?' }).click()
    await expect.poll(() => replyText(page)).toBe('A tower with a light that guides ships.')
    expect(await chat(page).users.first().textContent()).toContain('What is a lighthouse?')
    const current = list(page).locator('[aria-current="page"]')
    expect((await current.textContent())?.trim()).toBe('What is a lighthouse?')
    await page.context().close()
  })

  it('lists a conversation started in another tab within a couple of seconds, without a reload', async () => {
    const first = await rig.openDemo()
    const second = await first.context().newPage()
    await second.goto(rig.relay.url)
    await chat(second).input.waitFor()
    expect(await trimmed(second)).toEqual([])
    await ask(first, 'Hello from the first tab', 'Hello back.')
    await expect
      .poll(() => trimmed(second), { timeout: 2000 })
      .toEqual(['Hello from the first tab'])
    await first.context().close()
  })

  it('resumes a reply cut by a reload to its exact end, with one upstream call and no second POST', async () => {
    const answer =
      'A reload in the middle of this reply loses nothing: the kit saved the stream id and the ' +
      'last event it had, and the relay still holds the rest, 一字不差, to the very last word.'
    const pieces = piecesOf(answer, 6)
    let reach!: () => void
    let open!: () => void
    const reached = new Promise<void>((resolve) => (reach = resolve))
    const opened = new Promise<void>((resolve) => (open = resolve))
    rig.upstream.scriptOnce({
      chunks: pieces,
      delayMs: 5,
      beforeChunk: (index) => {
        if (index !== 12) return undefined
        reach()
        return opened
      },
    })
    const before = chatRequests(rig.upstream).length
    const page = await rig.openDemo()
    const calls: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/api/chat')) calls.push(`${request.method()} ${pathname}`)
    })
    await chat(page).send('Survive a reload')
    await reached
    const shown = pieces.slice(0, 11).join('')
    await expect.poll(() => replyText(page)).toContain(shown)
    // Saved once a second while streaming: wait for the save that holds everything shown.
    await expect
      .poll(async () =>
        (await stored(page)).some(
          (conversation) =>
            conversation.inFlight !== undefined &&
            Object.values(conversation.tree.nodes).some((node) =>
              (node.message.received ?? node.message.content).startsWith(shown),
            ),
        ),
      )
      .toBe(true)

    await page.reload()
    await chat(page).input.waitFor()
    open()
    await expect.poll(() => replyText(page)).toBe(answer)
    await chat(page).idle()
    expect(await chat(page).lastReply.getAttribute('data-status')).toBe('done')
    expect(chatRequests(rig.upstream).slice(before)).toHaveLength(1)
    expect(calls.filter((call) => call.startsWith('POST'))).toEqual(['POST /api/chat'])
    expect(calls.filter((call) => call.startsWith('GET /api/chat/streams/'))).toHaveLength(1)
    await page.context().close()
  })

  it('Export downloads the conversation as Markdown with its text', async () => {
    const page = await rig.openDemo()
    await ask(
      page,
      'Describe rain',
      'Rain is **water** falling from clouds.',
      'Rain is water falling from clouds.',
    )
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list(page).getByRole('button', { name: 'Export', exact: true }).click(),
    ])
    expect(download.suggestedFilename()).toBe('Describe-rain.md')
    const markdown = await readFile((await download.path())!, 'utf8')
    expect(markdown).toBe(
      '# Describe rain\n\n## User\n\nDescribe rain\n\n## Assistant\n\nRain is **water** falling from clouds.\n',
    )
    await page.context().close()
  })

  it('puts the list in a drawer on a phone, opened by its button and closed with Escape', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 390, height: 800 } })
    const page = await context.newPage()
    await page.goto(rig.relay.url)
    await chat(page).input.waitFor()
    const toggle = page.getByRole('button', { name: 'Conversations', exact: true })
    expect(await list(page).isVisible()).toBe(false)
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.click()
    await list(page).waitFor()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('New chat')
    await page.keyboard.press('Escape')
    await expect.poll(() => list(page).isVisible()).toBe(false)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe(
      'demo-conversations',
    )
    await context.close()
  })

  it('shows a message when the storage is full, and keeps the conversation on screen', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1100, height: 760 } })
    // A browser out of quota: every write to IndexedDB fails as Chromium fails it.
    await context.addInitScript(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    })
    const page = await context.newPage()
    await page.goto(rig.relay.url)
    await ask(page, 'Keep this', 'Kept on screen.')
    const alert = page.getByRole('alert')
    await expect
      .poll(() => alert.textContent())
      .toContain('the browser storage for this site is full')
    expect(await replyText(page)).toBe('Kept on screen.')
    expect(await chat(page).users.first().textContent()).toContain('Keep this')
    await context.close()
  })
})
