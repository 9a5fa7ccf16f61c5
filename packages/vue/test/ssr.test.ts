// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'

describe('the built package in Node (SSR)', () => {
  it('imports without a DOM and renders the chat to a string', async () => {
    // The package's own name resolves through its exports to dist/, as an app would import it.
    const { TypewriterChat } = await import('@typewriter-chat/vue')
    const html = await renderToString(
      createSSRApp({
        render: () =>
          h(TypewriterChat, {
            modelValue: [{ id: 'u1', role: 'user', content: 'Hi', reasoning: '', status: 'done' }],
          }),
      }),
    )
    expect(html).toContain('role="log"')
    expect(html).toContain('data-role="user"')
    expect(html).toContain('aria-label="Message"')
  })
})
