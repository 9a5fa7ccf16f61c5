import { describe, expect, it } from 'vitest'
import * as kit from '../src/index.js'

describe('@typewriter-chat/vue public API', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(kit).sort()).toMatchInlineSnapshot(`
      [
        "ChatStreamError",
        "StreamingMarkdown",
        "TypewriterChat",
        "canContinue",
        "chatLocales",
        "createMarkdownIt",
        "createThinkSplitter",
        "describeChatError",
        "loadHighlighter",
        "useChat",
      ]
    `)
  })
})
