import { describe, expect, it } from 'vitest'
import * as core from '../src/index.js'

describe('public API', () => {
  // A snapshot of the runtime export names: growing the public surface must be a visible diff.
  it('exports exactly the documented names', () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "ChatAccumulator",
        "ChatStreamError",
        "DEFAULT_CONTINUATION_INSTRUCTION",
        "SSEDecoder",
        "buildContinuationRequest",
        "continueOnLength",
        "createIncrementalMarkdown",
        "createTypewriter",
        "encodeSSE",
        "encodeSSEComment",
        "parseChatChunks",
        "parseChatStream",
        "parseEventData",
        "repairMarkdownTail",
        "snapshotHtml",
        "streamChat",
        "toAssistantMessage",
        "toChatEvents",
      ]
    `)
  })
})
