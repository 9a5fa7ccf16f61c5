import { describe, expect, it } from 'vitest'
import {
  button,
  input,
  messages,
  mountChat,
  replyText,
  until,
  useChatReplies,
} from './chat-harness.js'
import type { ChatWrapper } from './chat-harness.js'

const reply = useChatReplies()

/** Drops `files` on the composer as a file manager would. */
async function drop(wrapper: ChatWrapper, files: File[]): Promise<void> {
  await wrapper.get('form').trigger('drop', { dataTransfer: { types: ['Files'], files } })
}

const removeButtons = (wrapper: ChatWrapper) =>
  wrapper.findAll('button').filter((b) => b.attributes('aria-label') === 'Remove attachment')

describe('<TypewriterChat> attachments', () => {
  it('has an Attach button over a hidden file input by default, in both locales', () => {
    const wrapper = mountChat({})
    expect(button(wrapper, 'Attach')?.exists()).toBe(true)
    expect(wrapper.get('input[type="file"]').attributes('aria-hidden')).toBe('true')
    expect(button(mountChat({ locale: 'zh-CN' }), '添加附件')?.exists()).toBe(true)
  })

  it('turns off with attachments: false: no button, no input, drops ignored', async () => {
    const wrapper = mountChat({ attachments: false })
    expect(button(wrapper, 'Attach')).toBeUndefined()
    expect(wrapper.find('input[type="file"]').exists()).toBe(false)
    await drop(wrapper, [new File(['a'], 'a.txt')])
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(removeButtons(wrapper)).toEqual([])
  })

  it('applies the limits given as the prop and keeps the draft', async () => {
    const route = await reply({ chunks: ['ok'] })
    const wrapper = mountChat({ endpoint: route.url, attachments: { maxFiles: 1 } })
    await input(wrapper).setValue('Draft')
    await drop(wrapper, [new File(['one'], 'one.txt'), new File(['two'], 'two.txt')])
    await until(() => wrapper.find('[role="alert"]').exists())
    expect(wrapper.get('[role="alert"]').text()).toBe(
      'Not attached, at most 1 files per message: two.txt.',
    )
    expect(removeButtons(wrapper)).toHaveLength(1)
    expect((input(wrapper).element as HTMLTextAreaElement).value).toBe('Draft')

    await wrapper.get('form').trigger('submit')
    await until(() => replyText(wrapper) === 'ok')
    expect(route.requests[0]?.body?.['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Draft' },
          { type: 'text', text: 'File: one.txt\n```\none\n```' },
        ],
      },
    ])
    expect(removeButtons(wrapper)).toEqual([])
    expect(messages(wrapper, 'user')[0]?.text()).toContain('one.txt')
  })
})
