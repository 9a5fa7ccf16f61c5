import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { listExports, valueNames } from '../../../test-utils/export-names.js'
import * as core from '../src/index.js'
import * as testing from '../src/testing/index.js'

const dist = (entry: string) => fileURLToPath(new URL(`../dist/${entry}`, import.meta.url))

// Snapshots of what the built entry points export, types included: growing the public surface must
// be a visible diff. Run after `pnpm --filter @typewriter-chat/core build`.
describe('@typewriter-chat/core public API', () => {
  it('exports exactly the documented names from the main entry', () => {
    expect(listExports(dist('index.d.ts'))).toMatchInlineSnapshot(`
      {
        "AccumulatedChoice": "type",
        "AccumulatedMeta": "type",
        "ChatAccumulator": "value",
        "ChatChunkDelta": "type",
        "ChatCompletionChunk": "type",
        "ChatContentEvent": "type",
        "ChatContentPart": "type",
        "ChatContinuationEvent": "type",
        "ChatFinishEvent": "type",
        "ChatImagePart": "type",
        "ChatMessage": "type",
        "ChatMetaEvent": "type",
        "ChatReasoningEvent": "type",
        "ChatRefusalEvent": "type",
        "ChatRequest": "type",
        "ChatStream": "type",
        "ChatStreamError": "value",
        "ChatStreamErrorCode": "type",
        "ChatStreamErrorOptions": "type",
        "ChatStreamEvent": "type",
        "ChatStreamResult": "type",
        "ChatTextPart": "type",
        "ChatToolCall": "type",
        "ChatToolCallDelta": "type",
        "ChatToolCallEvent": "type",
        "ChatUsage": "type",
        "ChatUsageEvent": "type",
        "ChunkContinuationInfo": "type",
        "ContinuableChunk": "type",
        "ContinuationContext": "type",
        "ContinueOnLengthOptions": "type",
        "DEFAULT_CONTINUATION_INSTRUCTION": "value",
        "FinishReason": "type",
        "FinishTrackedChunk": "type",
        "FinishTracker": "value",
        "FinishTrackerOptions": "type",
        "IncrementalMarkdown": "type",
        "IncrementalMarkdownOptions": "type",
        "MarkdownBlock": "type",
        "MarkdownEngine": "type",
        "MarkdownEnv": "type",
        "MarkdownFootnotes": "type",
        "MarkdownReference": "type",
        "MarkdownSnapshot": "type",
        "MarkdownTail": "type",
        "MarkdownToken": "type",
        "MathBlockOpening": "type",
        "MathOpener": "type",
        "MathSpan": "type",
        "OpenFence": "type",
        "ParseChatOptions": "type",
        "ResumeChatOptions": "type",
        "ResumeOptions": "type",
        "SSEDecodeError": "value",
        "SSEDecodeErrorCode": "type",
        "SSEDecoder": "value",
        "SSEDecoderOptions": "type",
        "SSEEvent": "type",
        "SSEMessage": "type",
        "StallKind": "type",
        "StallWatchdog": "value",
        "StallWatchdogOptions": "type",
        "StreamChatOptions": "type",
        "Typewriter": "type",
        "TypewriterClock": "type",
        "TypewriterOptions": "type",
        "TypewriterState": "type",
        "UsageEstimate": "type",
        "UsageTally": "value",
        "addUsage": "value",
        "buildContinuationRequest": "value",
        "continueOnLength": "value",
        "createIncrementalMarkdown": "value",
        "createTypewriter": "value",
        "encodeSSE": "value",
        "encodeSSEComment": "value",
        "parseChatChunk": "value",
        "parseChatChunks": "value",
        "parseChatStream": "value",
        "parseRetryAfter": "value",
        "readInlineMath": "value",
        "readMathBlockClosing": "value",
        "readMathBlockOpening": "value",
        "repairMarkdownTail": "value",
        "resumeChat": "value",
        "snapshotHtml": "value",
        "streamChat": "value",
        "toAssistantMessage": "value",
        "toChatEvents": "value",
      }
    `)
  })

  it('keeps test helpers in @typewriter-chat/core/testing', () => {
    expect(listExports(dist('testing/index.d.ts'))).toMatchInlineSnapshot(`
      {
        "ManualClock": "type",
        "createManualClock": "value",
      }
    `)
  })

  it('exports at runtime exactly the values its declarations name', () => {
    expect(Object.keys(core).sort()).toEqual(valueNames(listExports(dist('index.d.ts'))))
    expect(Object.keys(testing).sort()).toEqual(valueNames(listExports(dist('testing/index.d.ts'))))
  })
})
