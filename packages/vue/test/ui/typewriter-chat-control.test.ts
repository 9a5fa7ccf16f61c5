import { describe, expect, it } from 'vitest'
import {
  button,
  endless,
  failWith,
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

const banner = (w: ChatWrapper) => w.find('[role="alert"]')

describe('<TypewriterChat> input', () => {
  it('sends on Enter, adds a newline on Shift+Enter and never sends while an IME composes', async () => {
    const route = await mockReply({ chunks: ['好的'], delayMs: 5 })
    wrapper = mountChat({ endpoint: route.url })
    const box = input(wrapper)
    await box.setValue('ni hao')
    await box.trigger('compositionstart')
    const composingEnter = await dispatchEnter(box.element, {})
    expect(composingEnter.defaultPrevented).toBe(false)
    await box.trigger('compositionend')
    await box.setValue('你好')
    // Safari: the Enter that commits the candidate comes after compositionend, as keyCode 229.
    await dispatchEnter(box.element, { keyCode: 229 })
    await dispatchEnter(box.element, { isComposing: true })
    const newline = await dispatchEnter(box.element, { shiftKey: true })
    expect(newline.defaultPrevented).toBe(false)
    await sleep(50)
    expect(route.requests).toHaveLength(0)
    expect((box.element as HTMLTextAreaElement).value).toBe('你好')

    const enter = await dispatchEnter(box.element, {})
    expect(enter.defaultPrevented).toBe(true)
    await until(() => route.requests.length === 1)
    expect(route.requests[0]?.body?.messages).toEqual([{ role: 'user', content: '你好' }])
  })

  it('does not send a blank message and keeps the draft while a reply runs', async () => {
    const route = await mockReply(endless())
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, '   ')
    expect(button(wrapper, 'Send')!.attributes('disabled')).toBeDefined()
    await typeAndEnter(wrapper, 'first')
    await until(() => route.requests.length === 1)
    await typeAndEnter(wrapper, 'second')
    await sleep(30)
    expect(route.requests).toHaveLength(1)
    expect((input(wrapper).element as HTMLTextAreaElement).value).toBe('second')
    await button(wrapper, 'Stop')!.trigger('click')
  })
})

async function dispatchEnter(
  target: Element,
  init: { keyCode?: number; isComposing?: boolean; shiftKey?: boolean },
): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', {
    key: 'Enter',
    bubbles: true,
    cancelable: true,
    isComposing: init.isComposing ?? false,
    shiftKey: init.shiftKey ?? false,
  })
  if (init.keyCode !== undefined) Object.defineProperty(event, 'keyCode', { value: init.keyCode })
  target.dispatchEvent(event)
  await sleep(0)
  return event
}

describe('<TypewriterChat> stop, continue and regenerate', () => {
  it('Stop aborts the request, keeps the partial reply and offers Continue', async () => {
    const route = await mockReply(endless())
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, 'talk')
    await until(() => replyText(wrapper!).length > 20)
    await button(wrapper, 'Stop')!.trigger('click')
    expect(await route.closedEarly()).toBe(true)
    const partial = replyText(wrapper)
    await sleep(60)
    expect(replyText(wrapper)).toBe(partial)
    expect(partial.startsWith('w0 w1')).toBe(true)
    const reply = messages(wrapper, 'assistant').at(-1)!
    expect(reply.attributes('data-status')).toBe('stopped')
    expect(reply.text()).toContain('Stopped')
    expect(wrapper.emitted('abort')).toHaveLength(1)
    expect(document.activeElement).toBe(input(wrapper).element)
    expect(button(wrapper, 'Continue')).toBeDefined()
    expect(button(wrapper, 'Regenerate')).toBeDefined()
    expect(wrapper.get('[role="log"]').attributes('aria-busy')).toBe('false')
  })

  it('Continue resumes the stopped reply in the same message', async () => {
    const first = await mockReply(endless())
    wrapper = mountChat({ endpoint: first.url })
    await typeAndEnter(wrapper, 'talk')
    await until(() => replyText(wrapper!).length > 10)
    await button(wrapper, 'Stop')!.trigger('click')
    await until(() => button(wrapper!, 'Continue') !== undefined)
    const partial = replyText(wrapper)

    const second = await mockReply({ chunks: [' and the end.'], delayMs: 5 })
    await wrapper.setProps({ endpoint: second.url })
    await button(wrapper, 'Continue')!.trigger('click')
    await until(() => replyText(wrapper!).endsWith('and the end.'))
    expect(messages(wrapper, 'assistant')).toHaveLength(1)
    expect(replyText(wrapper).startsWith(partial)).toBe(true)
    const sent = second.requests[0]!.body!.messages as { role: string; content: string }[]
    expect(sent.some((m) => m.role === 'assistant' && partial.startsWith(m.content.trim()))).toBe(
      true,
    )
  })

  it('Continue finishes a reply cut by the token limit', async () => {
    const first = await mockReply({ chunks: ['Cut'], finishReason: 'length' })
    wrapper = mountChat({ endpoint: first.url, continuation: false })
    await typeAndEnter(wrapper, 'long please')
    await until(() => button(wrapper!, 'Continue') !== undefined)
    expect(wrapper.text()).toContain('Cut off at the token limit')
    const second = await mockReply({ chunks: [' short.'], delayMs: 5 })
    await wrapper.setProps({ endpoint: second.url })
    await button(wrapper, 'Continue')!.trigger('click')
    await until(() => replyText(wrapper!) === 'Cut short.')
    expect(button(wrapper, 'Continue')).toBeUndefined()
  })

  it('Regenerate shows a new answer to the same question in place of the last reply', async () => {
    let n = 0
    const route = await mockReply(() => ({ chunks: [`answer ${++n}`], delayMs: 5 }))
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, 'question')
    await until(() => replyText(wrapper!) === 'answer 1')
    await until(() => button(wrapper!, 'Regenerate') !== undefined)
    await button(wrapper, 'Regenerate')!.trigger('click')
    await until(() => replyText(wrapper!) === 'answer 2')
    expect(messages(wrapper, 'assistant')).toHaveLength(1)
    expect(route.requests[1]?.body?.messages).toEqual([{ role: 'user', content: 'question' }])
  })
})

describe('<TypewriterChat> error banner', () => {
  it.each([
    [401, {}, 'The server rejected the API key or access token', 'HTTP 401'],
    [403, {}, 'The server rejected the API key or access token', 'HTTP 403'],
    [429, { 'retry-after': '20' }, 'Try again in 20 s.', 'HTTP 429'],
    [429, {}, 'Wait a moment and try again.', 'HTTP 429'],
    [500, {}, 'The model service is unavailable right now.', 'HTTP 500'],
    [502, {}, 'The model service is unavailable right now.', 'HTTP 502'],
    [400, {}, 'The request was rejected.', 'HTTP 400'],
  ])('says what a %i means', async (status, headers, text, detail) => {
    const route = await mockReply(failWith(status, `upstream says ${status}`, headers))
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, 'hi')
    await until(() => banner(wrapper!).exists())
    expect(banner(wrapper).text()).toContain(text)
    expect(banner(wrapper).text()).toContain(detail)
    expect(banner(wrapper).text()).toContain(`upstream says ${status}`)
    expect(wrapper.emitted('error')).toHaveLength(1)
    expect(messages(wrapper, 'user').map((m) => m.get('.tc-message__text').text())).toEqual(['hi'])
  })

  it('keeps the partial reply when the connection drops and Retry resumes it', async () => {
    const dropping = await mockReply({ chunks: ['Partial answer'], dropAfter: 1 })
    wrapper = mountChat({ endpoint: dropping.url })
    await typeAndEnter(wrapper, 'hi')
    await until(() => banner(wrapper!).exists())
    expect(banner(wrapper).text()).toContain('The connection was lost before the reply finished.')
    expect(replyText(wrapper)).toBe('Partial answer')

    const rest = await mockReply({ chunks: [', completed.'], delayMs: 5 })
    await wrapper.setProps({ endpoint: rest.url })
    await button(wrapper, 'Retry')!.trigger('click')
    await until(() => replyText(wrapper!) === 'Partial answer, completed.')
    expect(banner(wrapper).exists()).toBe(false)
  })

  it('Retry asks again when nothing had arrived, and Dismiss hides the banner', async () => {
    const failing = await mockReply(failWith(503, 'overloaded'))
    wrapper = mountChat({ endpoint: failing.url })
    await typeAndEnter(wrapper, 'hi')
    await until(() => banner(wrapper!).exists())
    await button(wrapper, 'Dismiss')!.trigger('click')
    expect(banner(wrapper).exists()).toBe(false)

    await typeAndEnter(wrapper, 'again')
    await until(() => banner(wrapper!).exists())
    const working = await mockReply({ chunks: ['Back up.'], delayMs: 5 })
    await wrapper.setProps({ endpoint: working.url })
    await button(wrapper, 'Retry')!.trigger('click')
    await until(() => replyText(wrapper!) === 'Back up.')
    expect(working.requests[0]?.body?.messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'user', content: 'again' },
    ])
  })

  it('keeps a mark on the failed reply after Dismiss and the next message; Retry sits on the last', async () => {
    const failing = await mockReply(failWith(500, 'down'))
    wrapper = mountChat({ endpoint: failing.url })
    await typeAndEnter(wrapper, 'hi')
    await until(() => banner(wrapper!).exists())
    const failed = () => messages(wrapper!, 'assistant')[0]!
    expect(failed().attributes('data-status')).toBe('error')
    expect(failed().get('[data-error]').text()).toContain('The model service is unavailable')
    expect(failed().get('[data-error]').text()).toContain('HTTP 500')
    expect(
      failed()
        .findAll('button')
        .map((b) => b.text()),
    ).toContain('Retry')
    await button(wrapper, 'Dismiss')!.trigger('click')
    expect(failed().get('[data-error]').text()).toContain('HTTP 500')

    const working = await mockReply({ chunks: ['Fine.'] })
    await wrapper.setProps({ endpoint: working.url })
    await typeAndEnter(wrapper, 'again')
    await until(() => replyText(wrapper!) === 'Fine.')
    expect(failed().get('[data-error]').text()).toContain('HTTP 500')
    expect(button(wrapper, 'Retry')).toBeUndefined()
  })

  it('Escape in the message box stops a running reply', async () => {
    const route = await mockReply(endless())
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, 'talk')
    await until(() => messages(wrapper!, 'assistant')[0]?.attributes('data-status') === 'streaming')
    await input(wrapper).trigger('keydown', { key: 'Escape' })
    await until(() => messages(wrapper!, 'assistant')[0]?.attributes('data-status') === 'stopped')
    expect(await route.closedEarly()).toBe(true)
  })

  it('shows the banner in the chosen locale', async () => {
    const route = await mockReply(failWith(429, 'slow down', { 'retry-after': '30' }))
    wrapper = mountChat({ endpoint: route.url, locale: 'zh-CN' })
    await typeAndEnter(wrapper, '你好')
    await until(() => banner(wrapper!).exists())
    expect(banner(wrapper).text()).toContain('请在 30 秒后重试')
    expect(button(wrapper, '重试')).toBeDefined()
  })
})
