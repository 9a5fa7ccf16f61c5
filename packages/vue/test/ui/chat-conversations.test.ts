import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import ChatConversations from '../../src/ui/ChatConversations.vue'
import { createMemoryStorage } from '../../src/storage/index.js'
import type { ChatStorage } from '../../src/storage/index.js'
import { conversation } from '../storage/stored-conversation.js'
import { until } from '../chat/wait.js'

const mounted: { unmount(): void }[] = []
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()))

async function mountList(storage: ChatStorage, props: Record<string, unknown> = {}) {
  const wrapper = mount(ChatConversations, {
    props: { storage, ...props },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await until(() => wrapper.findAll('[data-conversation]').length > 0)
  return wrapper
}

async function twoConversations(): Promise<ChatStorage> {
  const storage = createMemoryStorage()
  await storage.save(conversation('old', { title: 'Trip to Kyoto', text: 'temples', updatedAt: 1 }))
  await storage.save(conversation('new', { title: 'Tax return', text: 'deductions', updatedAt: 2 }))
  return storage
}

const titles = (wrapper: Awaited<ReturnType<typeof mountList>>) =>
  wrapper.findAll('[data-conversation]').map((item) => item.text())

describe('<ChatConversations>', () => {
  it('is a navigation landmark named Conversations listing newest first, the shown one current', async () => {
    const wrapper = await mountList(await twoConversations(), { active: 'old' })
    const nav = wrapper.get('nav')
    expect(nav.attributes('aria-label')).toBe('Conversations')
    expect(titles(wrapper)).toEqual(['Tax return', 'Trip to Kyoto'])
    expect(wrapper.get('[aria-current="page"]').text()).toBe('Trip to Kyoto')
    await wrapper.get('[data-conversation="new"]').trigger('click')
    expect(wrapper.emitted('update:active')).toEqual([['new']])
    await wrapper.get('[data-new-chat]').trigger('click')
    expect(wrapper.emitted('update:active')?.at(-1)).toEqual([undefined])
  })

  it('searches over titles and text', async () => {
    const wrapper = await mountList(await twoConversations())
    await wrapper.get('input[type="search"]').setValue('TEMPLES')
    expect(titles(wrapper)).toEqual(['Trip to Kyoto'])
    await wrapper.get('input[type="search"]').setValue('nothing like it')
    expect(titles(wrapper)).toEqual([])
    expect(wrapper.text()).toContain('No conversation matches.')
  })

  it('renames with the keyboard: Enter keeps the new title, Escape the old one', async () => {
    const storage = await twoConversations()
    const wrapper = await mountList(storage)
    const renameOf = (id: string) =>
      wrapper
        .get(`[data-conversation="${id}"]`)
        .element.closest('li')!
        .querySelector<HTMLElement>('[data-action="rename"]')!
    renameOf('old').click()
    await nextTick()
    const input = wrapper.get('input[data-rename-input]')
    expect(input.attributes('aria-label')).toBe('Conversation title')
    await input.setValue('Kyoto in spring')
    await input.trigger('keydown', { key: 'Enter' })
    await until(() => titles(wrapper).includes('Kyoto in spring'))
    expect((await storage.load('old'))?.title).toBe('Kyoto in spring')
    expect(document.activeElement?.getAttribute('data-conversation')).toBe('old')

    renameOf('old').click()
    await nextTick()
    await wrapper.get('input[data-rename-input]').setValue('Not this')
    await wrapper.get('input[data-rename-input]').trigger('keydown', { key: 'Escape' })
    await nextTick()
    expect((await storage.load('old'))?.title).toBe('Kyoto in spring')
  })

  it('deletes with undo, and tells the shown conversation went', async () => {
    const storage = await twoConversations()
    const wrapper = await mountList(storage, { active: 'new' })
    wrapper
      .get('[data-conversation="new"]')
      .element.closest('li')!
      .querySelector<HTMLElement>('[data-action="delete"]')!
      .click()
    await until(() => titles(wrapper).length === 1)
    expect(wrapper.emitted('update:active')).toEqual([[undefined]])
    expect(wrapper.get('[role="status"]').text()).toContain('Deleted “Tax return”.')
    expect(await storage.load('new')).toBeUndefined()
    await wrapper.get('[role="status"] button').trigger('click')
    await until(() => titles(wrapper).length === 2)
    expect((await storage.load('new'))?.title).toBe('Tax return')
  })

  it('speaks Chinese in zh-CN', async () => {
    const wrapper = await mountList(await twoConversations(), { locale: 'zh-CN' })
    expect(wrapper.get('nav').attributes('aria-label')).toBe('对话列表')
    expect(wrapper.get('[data-new-chat]').text()).toBe('新对话')
    expect(wrapper.find('[data-action="rename"]').text()).toBe('重命名')
    expect(wrapper.findAll('.tc-conversations__tools button').map((b) => b.text())).toEqual([
      '导出',
      '导出 JSON',
      '导入',
    ])
  })
})
