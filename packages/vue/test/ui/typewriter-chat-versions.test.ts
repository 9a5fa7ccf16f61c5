import { describe, expect, it } from 'vitest'
import type { ChatMessageItem } from '../../src/chat/index.js'
import {
  button,
  endless,
  input,
  messages,
  mountChat,
  replyText,
  sleep,
  typeAndEnter,
  until,
  useChatReplies,
} from './chat-harness.js'
import type { ChatWrapper } from './chat-harness.js'

const mockReply = useChatReplies()
let wrapper: ChatWrapper | undefined

/** A mock that answers each question with `answer N to: <the question>`. */
async function numberedAnswers() {
  let n = 0
  return mockReply((request) => {
    const sent = request.body?.['messages'] as Array<{ content: string }>
    return { chunks: [`answer ${++n} to: ${sent.at(-1)?.content}`], delayMs: 2 }
  })
}

const editBox = (w: ChatWrapper) => w.find('textarea[aria-label="Edit message"]')
const userTexts = (w: ChatWrapper) =>
  messages(w, 'user').map((m) => m.find('.tc-message__text').text())
const sentMessages = (route: { requests: Array<{ body?: Record<string, unknown> }> }, n: number) =>
  route.requests[n]?.body?.['messages']

async function key(target: Element, init: KeyboardEventInit): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  await sleep(0)
  return event
}

async function sendAndWait(w: ChatWrapper, text: string, reply: string): Promise<void> {
  await typeAndEnter(w, text)
  await until(() => replyText(w) === reply && button(w, 'Regenerate') !== undefined)
}

describe('<TypewriterChat> editing', () => {
  it('sends an edit as a new version with a new reply; the old one is a click away', async () => {
    const route = await numberedAnswers()
    wrapper = mountChat({ endpoint: route.url })
    await sendAndWait(wrapper, 'first', 'answer 1 to: first')
    await sendAndWait(wrapper, 'second', 'answer 2 to: second')
    const edit = messages(wrapper, 'user')[1]!
      .findAll('button')
      .find((b) => b.text() === 'Edit')!
    await edit.trigger('click')
    const box = editBox(wrapper)
    expect((box.element as HTMLTextAreaElement).value).toBe('second')
    expect(document.activeElement).toBe(box.element)
    await box.setValue('second, edited')
    await key(box.element, { key: 'Enter' })
    await until(() => replyText(wrapper!) === 'answer 3 to: second, edited')
    expect(sentMessages(route, 2)).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer 1 to: first' },
      { role: 'user', content: 'second, edited' },
    ])
    // Focus does not fall to the page when the edit box goes: the composer takes it.
    expect(document.activeElement).toBe(input(wrapper).element)
    expect(userTexts(wrapper)).toEqual(['first', 'second, edited'])
    const picker = messages(wrapper, 'user')[1]!.get('[role="group"]')
    expect(picker.attributes('aria-label')).toBe('Version 2 of 2')
    expect(picker.text()).toBe('2 / 2')

    await until(() => button(wrapper!, 'Regenerate') !== undefined)
    await button(wrapper, 'Previous version')!.trigger('click')
    expect(userTexts(wrapper)).toEqual(['first', 'second'])
    expect(replyText(wrapper)).toBe('answer 2 to: second')
    expect(wrapper.get('[role="status"]').text()).toBe('Version 1 of 2')
    await sleep(0)
    // The other version is another element; focus lands on the same button there.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Previous version')
    expect(document.activeElement?.getAttribute('aria-disabled')).toBe('true')

    await button(wrapper, 'Next version')!.trigger('click')
    expect(userTexts(wrapper)).toEqual(['first', 'second, edited'])
    expect(replyText(wrapper)).toBe('answer 3 to: second, edited')
    expect(route.requests).toHaveLength(3)
  })

  it('Shift+Enter and Enter during IME composition add to the edit; Escape cancels it', async () => {
    const route = await numberedAnswers()
    wrapper = mountChat({ endpoint: route.url })
    await sendAndWait(wrapper, 'question', 'answer 1 to: question')
    await button(wrapper, 'Edit')!.trigger('click')
    const box = editBox(wrapper)
    await box.setValue('changed')
    expect((await key(box.element, { key: 'Enter', shiftKey: true })).defaultPrevented).toBe(false)
    await box.trigger('compositionstart')
    await key(box.element, { key: 'Enter' })
    // Escape while composing drops the candidate, not the edit.
    await key(box.element, { key: 'Escape', isComposing: true })
    await box.trigger('compositionend')
    await key(box.element, { key: 'Enter', keyCode: 229 } as KeyboardEventInit)
    expect(editBox(wrapper).exists()).toBe(true)
    const escape = await key(box.element, { key: 'Escape' })
    expect(escape.defaultPrevented).toBe(true)
    expect(editBox(wrapper).exists()).toBe(false)
    expect(userTexts(wrapper)).toEqual(['question'])
    expect(document.activeElement).toBe(button(wrapper, 'Edit')!.element)
    await sleep(20)
    expect(route.requests).toHaveLength(1)

    // Opened again, it starts from the message as sent.
    await button(wrapper, 'Edit')!.trigger('click')
    expect((editBox(wrapper).element as HTMLTextAreaElement).value).toBe('question')
    await button(wrapper, 'Cancel')!.trigger('click')
    expect(editBox(wrapper).exists()).toBe(false)
  })

  it('keeps the edit while a reply runs and sends it once the reply ends', async () => {
    const route = await mockReply(endless())
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, 'talk')
    await until(() => replyText(wrapper!).length > 10)
    await button(wrapper, 'Edit')!.trigger('click')
    await editBox(wrapper).setValue('talk less')
    await key(editBox(wrapper).element, { key: 'Enter' })
    const send = messages(wrapper, 'user')[0]!
      .findAll('button')
      .find((b) => b.text() === 'Send')!
    expect(send.attributes('disabled')).toBeDefined()
    expect(editBox(wrapper).exists()).toBe(true)
    expect(route.requests).toHaveLength(1)
    await button(wrapper, 'Stop')!.trigger('click')
    await until(() => send.attributes('disabled') === undefined)
    await send.trigger('click')
    await until(() => route.requests.length === 2)
    expect(sentMessages(route, 1)).toEqual([{ role: 'user', content: 'talk less' }])
    await button(wrapper, 'Stop')!.trigger('click')
  })

  it('has no Edit button with editable off', async () => {
    const route = await numberedAnswers()
    wrapper = mountChat({ endpoint: route.url, editable: false })
    await sendAndWait(wrapper, 'question', 'answer 1 to: question')
    expect(button(wrapper, 'Edit')).toBeUndefined()
  })
})

describe('<TypewriterChat> versions of replies', () => {
  it('keeps both replies after Regenerate, with a picker on the reply', async () => {
    const route = await numberedAnswers()
    wrapper = mountChat({ endpoint: route.url })
    await sendAndWait(wrapper, 'question', 'answer 1 to: question')
    await button(wrapper, 'Regenerate')!.trigger('click')
    await until(() => replyText(wrapper!) === 'answer 2 to: question')
    const reply = () => messages(wrapper!, 'assistant')[0]!
    await until(() => reply().find('[role="group"]').exists())
    expect(reply().get('[role="group"]').attributes('aria-label')).toBe('Version 2 of 2')
    expect(button(wrapper, 'Next version')!.attributes('aria-disabled')).toBe('true')
    await button(wrapper, 'Next version')!.trigger('click')
    expect(replyText(wrapper)).toBe('answer 2 to: question')
    await button(wrapper, 'Previous version')!.trigger('click')
    expect(replyText(wrapper)).toBe('answer 1 to: question')
    expect(messages(wrapper, 'assistant')).toHaveLength(1)
    expect(route.requests).toHaveLength(2)
  })

  it('says the position and names its buttons in zh-CN', async () => {
    const route = await numberedAnswers()
    wrapper = mountChat({ endpoint: route.url, locale: 'zh-CN' })
    await typeAndEnter(wrapper, '问题')
    await until(() => button(wrapper!, '重新生成') !== undefined)
    await button(wrapper, '重新生成')!.trigger('click')
    await until(() => button(wrapper!, '上一个版本') !== undefined)
    expect(button(wrapper, '下一个版本')).toBeDefined()
    expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('第 2 个版本，共 2 个')
    await button(wrapper, '编辑')!.trigger('click')
    expect(editBox(wrapper).exists()).toBe(false)
    expect(wrapper.find('textarea[aria-label="编辑消息"]').exists()).toBe(true)
    expect(button(wrapper, '取消')).toBeDefined()
  })
})

describe('<TypewriterChat> v-model with versions', () => {
  it('emits the shown path, keeps versions when handed it back, and starts over on another list', async () => {
    const route = await numberedAnswers()
    wrapper = mountChat({
      endpoint: route.url,
      modelValue: [],
      'onUpdate:modelValue': (list: ChatMessageItem[]) => wrapper!.setProps({ modelValue: list }),
    })
    await sendAndWait(wrapper, 'question', 'answer 1 to: question')
    await button(wrapper, 'Regenerate')!.trigger('click')
    await until(() => button(wrapper!, 'Previous version') !== undefined)
    await button(wrapper, 'Previous version')!.trigger('click')
    await sleep(0)
    const model = () => (wrapper!.props('modelValue') as ChatMessageItem[]).map((m) => m.content)
    expect(model()).toEqual(['question', 'answer 1 to: question'])
    expect(button(wrapper, 'Next version')).toBeDefined()
    await wrapper.setProps({ modelValue: [{ ...wrapper.props('modelValue')![0]! }] })
    expect(userTexts(wrapper)).toEqual(['question'])
    expect(messages(wrapper, 'assistant')).toHaveLength(0)
    expect(button(wrapper, 'Next version')).toBeUndefined()
  })
})
