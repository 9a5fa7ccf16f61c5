import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRig, type Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(async () => rig?.close())

/** English texts of the demo around the chat, none of which may remain in zh-CN. */
const ENGLISH = [
  'New chat',
  'Settings',
  'Inspector',
  'Raw stream',
  'Model',
  'System prompt',
  'Typewriter speed',
  'Typewriter off',
  'Continue cut-off replies',
  'Theme',
  'Try the mock model',
  'Wrap long lines',
  'mock model',
  'Server default',
  'thinks first',
]

describe('the demo in zh-CN', () => {
  it('turns the page, its panels and <html lang> to Chinese, and keeps them after a reload', async () => {
    const page = await rig.openDemo()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    // 1100 px wide: the panels are drawers, one open at a time.
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByLabel('Language').selectOption('zh-CN')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')

    const englishLeft = async () => {
      const shown = await page.evaluate(() => document.body.innerText)
      return ENGLISH.filter((english) => shown.includes(english))
    }
    const count = (locator: Locator) => locator.count()
    const check = async () => {
      await expect.poll(() => count(page.getByRole('button', { name: '新对话' }))).toBe(1)
      await expect(count(page.getByRole('navigation', { name: '演示' }))).resolves.toBe(1)
      await expect(count(page.getByRole('log', { name: '对话' }))).resolves.toBe(1)
      await expect(count(page.getByRole('heading', { name: '设置' }))).resolves.toBe(1)
      await expect(count(page.getByRole('heading', { name: '试试模拟模型' }))).resolves.toBe(1)
      for (const label of ['模型', '系统提示词', '打字机速度', '关闭打字机效果', '语言', '主题']) {
        await expect(count(page.getByLabel(label, { exact: true }))).resolves.toBe(1)
      }
      const themes = await page
        .getByLabel('主题')
        .evaluate((select: HTMLSelectElement) => [...select.options].map((option) => option.text))
      expect(themes).toEqual(['跟随系统', '浅色', '深色'])
      expect(await englishLeft()).toEqual([])

      await page.getByRole('button', { name: '检查器', exact: true }).click()
      await expect(count(page.getByRole('heading', { name: '原始数据流' }))).resolves.toBe(1)
      await expect(count(page.getByLabel('长行自动换行'))).resolves.toBe(1)
      expect(await englishLeft()).toEqual([])
      await page.getByRole('button', { name: '设置', exact: true }).click()
    }
    await check()

    await page.reload()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
    await page.getByRole('button', { name: '设置', exact: true }).click()
    await check()

    await page.getByLabel('语言').selectOption('en')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await expect.poll(() => count(page.getByRole('button', { name: 'New chat' }))).toBe(1)
    await page.context().close()
  })
})
