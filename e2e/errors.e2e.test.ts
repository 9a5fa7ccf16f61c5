import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, recordDialogs, replyText, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

const openAIError = (message: string, type: string, code: string | null = null) => ({
  message,
  type,
  code,
  param: null,
})

describe('errors in the browser', () => {
  it.each([
    [
      '401 (wrong key)',
      { status: 401, error: openAIError('Incorrect API key provided', 'invalid_request_error') },
      /rejected the API key/,
    ],
    [
      '429 with Retry-After',
      {
        status: 429,
        headers: { 'retry-after': '9' },
        error: openAIError('Rate limit reached', 'requests', 'rate_limit_exceeded'),
      },
      /Try again in [1-9] s/,
    ],
    [
      '500 (upstream down)',
      { status: 500, error: openAIError('The server had an error', 'server_error') },
      /unavailable/,
    ],
  ])('a %s shows a banner that says what happened', async (_name, script, text) => {
    rig.upstream.scriptOnce(script)
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('hello')
    await ui.alert.waitFor()
    expect(await ui.alert.textContent()).toMatch(text)
    expect(await ui.alert.textContent()).not.toContain('sk-e2e-secret')
    expect(await ui.button('Retry').isVisible()).toBe(true)
    expect(await ui.users.last().textContent()).toContain('hello')
    await page.context().close()
  })

  it('a mid-stream drop shows a banner and keeps the partial reply', async () => {
    rig.upstream.scriptOnce({
      chunks: ['Here is ', 'the start ', 'of an answer ', 'that never ', 'ends'],
      delayMs: 30,
      dropAfter: 3,
    })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.send('hello')
    await ui.alert.waitFor()
    expect(await ui.alert.textContent()).toMatch(/before the reply finished|unavailable/)
    expect(await replyText(page)).toBe('Here is the start of an answer')
    // Retry on the failed reply resumes it (what Continue does for a stopped one).
    expect(await ui.lastReply.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true)
    await page.context().close()
  })
})

const HOSTILE = [
  'Attempts follow.\n\n',
  '<script>window.__pwned = "script"</script>\n\n',
  '<img src="x" onerror="window.__pwned = \'img\'">\n\n',
  '[js link](javascript:window.__pwned=1) ',
  '[vb link](vbscript:msgbox) ',
  '[data link](data:text/html,<script>alert(1)</script>) ',
  '<a href="javascript:alert(1)">raw link</a>\n\n',
  '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>\n\n',
  '<svg onload="window.__pwned = \'svg\'"></svg>\n\n',
  '![img](javascript:alert(1))\n\n',
  'The end.',
]

describe('hostile model output', () => {
  it('renders as inert text and executes nothing', async () => {
    rig.upstream.scriptOnce({ chunks: HOSTILE, delayMs: 10 })
    const page = await rig.openDemo()
    const dialogs = recordDialogs(page)
    const ui = chat(page)
    await ui.send('be evil')
    await ui.idle()
    await expect.poll(() => replyText(page)).toContain('The end.')
    const reply = ui.lastReply
    expect(await reply.locator('script, iframe, svg, img, object, embed').count()).toBe(0)
    const hrefs = await reply
      .locator('.tc-markdown a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    for (const href of hrefs) expect(href).not.toMatch(/^\s*(javascript|vbscript|data):/i)
    const text = await replyText(page)
    expect(text).toContain('<script>window.__pwned = "script"</script>')
    expect(text).toContain('<svg onload=')
    // Clicking what looks like a link does nothing either.
    await reply.getByText('js link').click()
    await page.waitForTimeout(200)
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])
    await page.context().close()
  })
})
