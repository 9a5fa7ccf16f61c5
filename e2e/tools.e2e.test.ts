import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, replyText, startRig, type Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

describe('tool calls in the demo', () => {
  it('shows the call collapsed, its arguments and result on opening, then the answer', async () => {
    const page = await rig.openDemo({ settings: { typewriterSpeed: 0 } })
    const ui = chat(page)
    const before = chatRequests(rig.upstream).length
    await ui.send('/tools what is the weather in Paris')
    await ui.idle()

    const tools = page.getByRole('list', { name: 'Tool calls' })
    const call = tools.getByRole('group')
    const summary = tools.getByText('Called get_weather: result received')
    await summary.waitFor()
    expect(await call.getAttribute('open')).toBeNull()
    expect(await tools.locator('[data-part="result"]').isVisible()).toBe(false)

    await summary.click()
    const args = JSON.parse(await tools.locator('[data-part="arguments"]').innerText())
    expect(args).toHaveProperty('city')
    const result = JSON.parse(await tools.locator('[data-part="result"]').innerText())
    expect(result).toMatchObject({ conditions: 'partly cloudy', temperature: 20 })

    // The model was asked again with the result and answered in a reply after the call.
    const requests = chatRequests(rig.upstream).slice(before)
    expect(requests).toHaveLength(2)
    const messages = requests[1]!.body?.['messages'] as Array<Record<string, unknown>>
    expect(messages.at(-1)).toMatchObject({ role: 'tool', content: JSON.stringify(result) })
    expect(await ui.replies.count()).toBe(2)
    expect(await replyText(page)).not.toBe('')
    await page.context().close()
  })

  it('names the call in Chinese in the zh-CN locale', async () => {
    const page = await rig.openDemo({ settings: { locale: 'zh-CN', typewriterSpeed: 0 } })
    const input = page.getByRole('textbox').first()
    await input.fill('/tools 巴黎天气怎么样')
    await input.press('Enter')
    const tools = page.getByRole('list', { name: '工具调用' })
    await tools.getByText('已调用 get_weather：已收到结果').waitFor()
    await page.context().close()
  })
})
