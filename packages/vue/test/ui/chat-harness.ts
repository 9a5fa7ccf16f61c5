import { mount } from '@vue/test-utils'
import { afterEach } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import TypewriterChat from '../../src/ui/TypewriterChat.vue'
import type { TypewriterChatProps } from '../../src/ui/typewriter-chat-types.js'
import { AUTH, useMockReplies } from '../chat/mock-replies.js'

export { endless, failWith } from '../chat/mock-replies.js'
export { sleep, until } from '../chat/wait.js'

export type ChatWrapper = VueWrapper<InstanceType<typeof TypewriterChat>>

const mounted: ChatWrapper[] = []

/**
 * Unmounts every chat after each test and returns the test file's way to start scripted mock
 * replies (see useMockReplies).
 */
export function useChatReplies(): ReturnType<typeof useMockReplies> {
  const replies = useMockReplies()
  // Registered after the mocks' hook, so it runs before it: chats unmount, then the mocks close.
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount()
  })
  return replies
}

/**
 * Mounts the chat into the document (focus and events need it), typewriter off and the mock's
 * bearer token sent unless given.
 */
export function mountChat(
  props: TypewriterChatProps & Record<string, unknown>,
  slots: Record<string, unknown> = {},
): ChatWrapper {
  const wrapper = mount(TypewriterChat, {
    props: { typewriter: false, headers: AUTH, ...props },
    slots: slots as never,
    attachTo: document.body,
  })
  mounted.push(wrapper)
  return wrapper
}

/** The button whose accessible name is `name` (its aria-label, else its text), if shown. */
export function button(wrapper: ChatWrapper, name: string) {
  return wrapper
    .findAll('button')
    .find((b) => (b.attributes('aria-label') ?? b.text().trim()) === name)
}

export const input = (wrapper: ChatWrapper) => wrapper.get('textarea')

/** Types `text` and presses Enter in the message box. */
export async function typeAndEnter(wrapper: ChatWrapper, text: string): Promise<void> {
  await input(wrapper).setValue(text)
  await input(wrapper).trigger('keydown', { key: 'Enter' })
}

export const messages = (wrapper: ChatWrapper, role: 'user' | 'assistant') =>
  wrapper.findAll(`[data-role="${role}"]`)

/** The text of the last assistant reply as rendered. */
export function replyText(wrapper: ChatWrapper): string {
  const markdown = messages(wrapper, 'assistant').at(-1)?.find('.tc-markdown')
  return markdown?.exists() === true ? markdown.text() : ''
}
