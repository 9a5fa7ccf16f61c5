import { createManualClock } from '@typewriter-chat/core/testing'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import type { ChatDelta, ChatMessageItem } from '../../src/chat/index.js'
import { createMarkdownIt } from '../../src/markdown/create-markdown-it.js'
import {
  button,
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

describe('<TypewriterChat> transcript', () => {
  it('streams a reply into an assistant message under the user message, busy while it streams', async () => {
    const route = await mockReply({ chunks: ['Hello', ' **there**', ', friend.'], delayMs: 30 })
    wrapper = mountChat({ endpoint: route.url })
    const log = wrapper.get('[role="log"]')
    expect(log.attributes('aria-label')).toBe('Conversation')
    expect(log.attributes('aria-busy')).toBe('false')
    expect(input(wrapper).attributes('aria-label')).toBe('Message')

    await typeAndEnter(wrapper, 'Hi!')
    expect(messages(wrapper, 'user').map((m) => m.get('.tc-message__text').text())).toEqual(['Hi!'])
    expect(log.attributes('aria-busy')).toBe('true')
    expect(button(wrapper, 'Stop')).toBeDefined()
    expect(button(wrapper, 'Send')).toBeUndefined()
    expect((input(wrapper).element as HTMLTextAreaElement).value).toBe('')

    await until(() => log.attributes('aria-busy') === 'false')
    expect(replyText(wrapper!)).toBe('Hello there, friend.')
    expect(messages(wrapper!, 'assistant').at(-1)?.find('strong').text()).toBe('there')
    expect(button(wrapper!, 'Send')).toBeDefined()
    expect(route.requests[0]?.body?.messages).toEqual([{ role: 'user', content: 'Hi!' }])
  })

  it('shows the empty state until the first message, and never shows system messages', async () => {
    wrapper = mountChat({})
    expect(wrapper.text()).toContain('How can I help?')
    await wrapper.setProps({
      modelValue: [
        { id: 's', role: 'system', content: 'secret rules', reasoning: '', status: 'done' },
        { id: 'u', role: 'user', content: 'hello', reasoning: '', status: 'done' },
      ],
    })
    expect(wrapper.text()).not.toContain('How can I help?')
    expect(wrapper.text()).not.toContain('secret rules')
    expect(messages(wrapper, 'user')).toHaveLength(1)
  })

  it('shows reasoning in a collapsible section that says thinking until the answer starts', async () => {
    let answer!: () => void
    const answered = new Promise<void>((resolve) => (answer = resolve))
    const route = await mockReply({
      chunks: [
        { reasoning_content: 'Let me think' },
        { reasoning_content: ' about it.' },
        'The answer.',
      ],
      // The answer waits until the test has looked at the thinking state.
      beforeChunk: (index) => (index === 2 ? answered : undefined),
    })
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, 'why?')
    await until(() => wrapper!.find('.tc-thinking').exists())
    const details = wrapper.get('details.tc-thinking')
    expect(details.get('summary').text()).toBe('Thinking…')
    expect(details.attributes('open')).toBeDefined()
    await until(() => details.text().includes('about it.'))
    answer()
    await until(() => replyText(wrapper!) === 'The answer.')
    await until(() => wrapper!.get('summary').text() === 'Thoughts')
    expect(wrapper.get('.tc-thinking__text').text()).toBe('Let me think about it.')
    expect(replyText(wrapper)).not.toContain('think')
  })

  it('shows tokens, time to first token and speed under a finished reply', async () => {
    const route = await mockReply({
      chunks: ['a', 'b'],
      delayMs: 5,
      usage: { prompt_tokens: 5, completion_tokens: 42, total_tokens: 47 },
    })
    // An OpenAI-compatible server sends usage only when asked to.
    wrapper = mountChat({ endpoint: route.url, body: { stream_options: { include_usage: true } } })
    await typeAndEnter(wrapper, 'go')
    await until(() => wrapper!.find('.tc-message__facts').exists())
    const facts = wrapper.get('.tc-message__facts').text()
    expect(facts).toMatch(/^42 tokens · first token \d+\.\d\d s · \d+(\.\d)? tokens\/s$/)
    await wrapper.setProps({ showMetrics: false })
    expect(wrapper.find('.tc-message__facts').exists()).toBe(false)
  })

  it('copies the whole reply with Copy', async () => {
    const route = await mockReply({ chunks: ['# Title\n\n', 'Body'], delayMs: 5 })
    wrapper = mountChat({ endpoint: route.url })
    await typeAndEnter(wrapper, 'go')
    await until(() => button(wrapper!, 'Copy reply') !== undefined)
    await button(wrapper, 'Copy reply')!.trigger('click')
    await until(() => button(wrapper!, 'Copied') !== undefined)
    expect(await navigator.clipboard.readText()).toBe('# Title\n\nBody')
  })

  it('paces the reply with the typewriter, never lagging more than maxLagMs behind', async () => {
    const clock = createManualClock()
    const text = 'word '.repeat(200)
    const route = await mockReply({ chunks: [text] })
    wrapper = mountChat({
      endpoint: route.url,
      clock,
      typewriter: { charsPerSecond: 50, maxLagMs: 500 },
    })
    await typeAndEnter(wrapper, 'go')
    // The clock starts counting the lag when the text has arrived, not at the role chunk.
    const arrived = () => wrapper!.emitted<[ChatDelta]>('delta')?.some((d) => d[0].text === text)
    await until(() => arrived() === true)
    const shown = () => {
      const updates = wrapper!.emitted<[ChatMessageItem[]]>('update:modelValue')!
      return updates.at(-1)![0].at(-1)!.content
    }
    for (let i = 0; i < 6; i++) clock.tick()
    await sleep(0)
    expect(shown().length).toBeGreaterThan(0)
    expect(shown().length).toBeLessThan(text.length)
    // 1,000 characters at 50/s would take 20 s; the lag bound shows them all within 0.5 s.
    for (let elapsed = 6000 / 60; elapsed <= 500 + 1000 / 60; elapsed += 1000 / 60) clock.tick()
    await sleep(0)
    // The last grapheme counts as complete (its lag starts) only once the stream has ended, which
    // can come a moment after the text; everything before it is due within maxLagMs.
    expect(text.startsWith(shown())).toBe(true)
    expect(shown().length).toBeGreaterThanOrEqual(text.length - 1)
    await until(() => wrapper!.emitted('finish') !== undefined, clock)
  })
})

describe('<TypewriterChat> props, events, slots and v-model', () => {
  it('emits send, delta and finish, and sends model, system prompt, headers and body', async () => {
    const route = await mockReply({ chunks: ['ok'], delayMs: 5 })
    wrapper = mountChat({
      endpoint: route.url,
      model: 'mock-chat',
      systemPrompt: 'Be brief.',
      headers: { authorization: 'Bearer t0ken' },
      body: { temperature: 0.2 },
      continuation: false,
    })
    await typeAndEnter(wrapper, 'hello')
    await until(() => wrapper!.emitted('finish') !== undefined)
    expect(wrapper.emitted<[ChatMessageItem]>('send')![0]![0]).toMatchObject({
      role: 'user',
      content: 'hello',
    })
    expect(wrapper.emitted('delta')![0]![0]).toMatchObject({ type: 'content', text: 'ok' })
    const request = route.requests[0]!
    expect(request.headers.authorization).toBe('Bearer t0ken')
    expect(request.body).toMatchObject({
      model: 'mock-chat',
      temperature: 0.2,
      continuation: false,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello' },
      ],
    })
  })

  it('keeps v-model in step and starts over when the parent assigns an empty conversation', async () => {
    const route = await mockReply({ chunks: ['fine'], delayMs: 5 })
    wrapper = mountChat({
      endpoint: route.url,
      modelValue: [],
      'onUpdate:modelValue': (list: ChatMessageItem[]) => wrapper!.setProps({ modelValue: list }),
    })
    await typeAndEnter(wrapper, 'how are you?')
    await until(() => wrapper!.emitted('finish') !== undefined)
    const model = wrapper.props('modelValue') as ChatMessageItem[]
    expect(model.map((m) => [m.role, m.content])).toEqual([
      ['user', 'how are you?'],
      ['assistant', 'fine'],
    ])
    await wrapper.setProps({ modelValue: [] })
    expect(messages(wrapper, 'user')).toHaveLength(0)
    expect(wrapper.text()).toContain('How can I help?')
  })

  it('renders the message, empty and input-actions slots', async () => {
    const route = await mockReply({ chunks: ['slot reply'], delayMs: 5 })
    wrapper = mountChat(
      { endpoint: route.url },
      {
        message: (props: { message: ChatMessageItem }) =>
          h('b', { class: 'custom' }, `${props.message.role}: ${props.message.content}`),
        empty: () => h('p', { class: 'my-empty' }, 'Nothing yet'),
        'input-actions': (props: { busy: boolean }) =>
          h('button', { type: 'button', class: 'attach' }, props.busy ? 'busy' : 'Attach'),
      },
    )
    expect(wrapper.get('.my-empty').text()).toBe('Nothing yet')
    expect(wrapper.get('.attach').text()).toBe('Attach')
    await typeAndEnter(wrapper, 'hi')
    await until(() => wrapper!.emitted('finish') !== undefined)
    expect(wrapper.findAll('.custom').map((b) => b.text())).toEqual([
      'user: hi',
      'assistant: slot reply',
    ])
  })

  it('exposes send, stop and clear', async () => {
    const route = await mockReply({ chunks: ['exposed'], delayMs: 5 })
    wrapper = mountChat({ endpoint: route.url })
    await wrapper.vm.send('from code')
    expect(replyText(wrapper)).toBe('exposed')
    wrapper.vm.clear()
    await sleep(0)
    expect(messages(wrapper, 'assistant')).toHaveLength(0)
    expect(typeof wrapper.vm.stop).toBe('function')
  })

  it('switches every text to zh-CN and back', async () => {
    wrapper = mountChat({ locale: 'zh-CN' })
    expect(input(wrapper).attributes('aria-label')).toBe('消息')
    expect(button(wrapper, '发送')).toBeDefined()
    expect(wrapper.get('[role="log"]').attributes('aria-label')).toBe('对话')
    expect(wrapper.get('section').attributes('lang')).toBe('zh-CN')
    await wrapper.setProps({ locale: 'en' })
    expect(input(wrapper).attributes('aria-label')).toBe('Message')
    expect(button(wrapper, 'Send')).toBeDefined()
    await wrapper.setProps({ labels: { send: 'Ask' } })
    expect(button(wrapper, 'Ask')).toBeDefined()
  })

  it('renders replies with the markdown-it instance passed as md, plugins included', async () => {
    const md = createMarkdownIt().use((instance) => {
      instance.core.ruler.push('shout', (state) => {
        for (const token of state.tokens) {
          for (const child of token.children ?? []) {
            if (child.type === 'text') child.content = child.content.toUpperCase()
          }
        }
      })
    })
    wrapper = mountChat({
      md,
      modelValue: [
        { id: 'u', role: 'user', content: 'hi', reasoning: '', status: 'done' },
        { id: 'a', role: 'assistant', content: 'quiet *words*', reasoning: '', status: 'done' },
      ],
    })
    await until(() => replyText(wrapper!) !== '')
    expect(replyText(wrapper)).toBe('QUIET WORDS')
    expect(messages(wrapper, 'assistant')[0]?.find('em').text()).toBe('WORDS')
  })

  it('sets the colour scheme from the theme prop', async () => {
    wrapper = mountChat({})
    const root = wrapper.get('section')
    expect(root.attributes('data-theme')).toBeUndefined()
    await wrapper.setProps({ theme: 'dark' })
    expect(root.attributes('data-theme')).toBe('dark')
    await wrapper.setProps({ theme: 'light' })
    expect(root.attributes('data-theme')).toBe('light')
  })
})
