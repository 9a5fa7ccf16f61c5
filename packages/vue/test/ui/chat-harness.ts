import { mount } from '@vue/test-utils'
import type { ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import TypewriterChat from '../../src/ui/TypewriterChat.vue'
import type { TypewriterChatProps } from '../../src/ui/typewriter-chat-types.js'
import { chunk, openStream, sleep, startChatServer } from '../chat/chat-server.js'
import type { ChatServer } from '../chat/chat-server.js'

export { until } from '../chat/chat-server.js'

export type ChatWrapper = VueWrapper<InstanceType<typeof TypewriterChat>>

const mounted: ChatWrapper[] = []

/**
 * Starts a chat server for the test file and unmounts every chat after each test; returns the
 * server's getter (it exists from `beforeAll` on).
 */
export function useChatServer(): () => ChatServer {
  let server: ChatServer | undefined
  beforeAll(async () => (server = await startChatServer()))
  afterAll(() => server?.close())
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount()
  })
  return () => server!
}

/** Mounts the chat into the document (focus and events need it), typewriter off unless given. */
export function mountChat(
  props: TypewriterChatProps & Record<string, unknown>,
  slots: Record<string, unknown> = {},
): ChatWrapper {
  const wrapper = mount(TypewriterChat, {
    props: { typewriter: false, ...props },
    slots: slots as never,
    attachTo: document.body,
  })
  mounted.push(wrapper)
  return wrapper
}

/** A reply that goes on until the client hangs up: `piece(i)` every few milliseconds. */
export function endless(piece: (i: number) => string = (i) => `w${i} `) {
  return async (res: ServerResponse): Promise<void> => {
    openStream(res)
    for (let i = 0; !res.destroyed && i < 4000; i++) {
      res.write(chunk({ content: piece(i) }))
      await sleep(4)
    }
  }
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
