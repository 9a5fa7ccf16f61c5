// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { listExports, valueNames } from '../../../test-utils/export-names.js'
import * as kit from '../src/index.js'

const entry = fileURLToPath(new URL('../dist/index.d.ts', import.meta.url))

// What the built entry point exports, types included: growing the public surface must be a visible
// diff. Run after `pnpm --filter @typewriter-chat/vue build`.
describe('@typewriter-chat/vue public API', () => {
  it('exports exactly the documented names', () => {
    expect(listExports(entry)).toMatchInlineSnapshot(`
      {
        "AttachmentError": "value",
        "AttachmentErrorCode": "type",
        "AttachmentOptions": "type",
        "ChatAttachment": "type",
        "ChatConversations": "value",
        "ChatDelta": "type",
        "ChatErrorContext": "type",
        "ChatErrorDescription": "type",
        "ChatErrorKey": "type",
        "ChatImageAttachment": "type",
        "ChatLocale": "type",
        "ChatMessageItem": "type",
        "ChatMessageStatus": "type",
        "ChatRole": "type",
        "ChatStatus": "type",
        "ChatStorage": "type",
        "ChatStorageError": "value",
        "ChatStorageErrorCode": "type",
        "ChatStreamError": "value",
        "ChatStreamErrorCode": "type",
        "ChatTextAttachment": "type",
        "ChatTheme": "type",
        "ChatToolCallItem": "type",
        "ChatToolCallRequest": "type",
        "ChatToolDefinition": "type",
        "ChatUsage": "type",
        "CodeBlockLabels": "type",
        "ConversationSummary": "type",
        "CreateMarkdownItOptions": "type",
        "FinishReason": "type",
        "InFlightReply": "type",
        "IndexedDBStorageOptions": "type",
        "MessageTree": "type",
        "MessageTreeNode": "type",
        "MessageVersions": "type",
        "PreparedAttachments": "type",
        "ReplyMetrics": "type",
        "SendOptions": "type",
        "StoredConversation": "type",
        "StoredMessage": "type",
        "StoredTree": "type",
        "StreamingMarkdown": "value",
        "StreamingMarkdownProps": "type",
        "ThinkSplit": "type",
        "ThinkSplitter": "type",
        "TypewriterChat": "value",
        "TypewriterChatEvents": "type",
        "TypewriterChatExposed": "type",
        "TypewriterChatLabels": "type",
        "TypewriterChatProps": "type",
        "TypewriterChatSlots": "type",
        "TypewriterSetting": "type",
        "UseChatOptions": "type",
        "UseChatReturn": "type",
        "UseConversationsReturn": "type",
        "VersionTarget": "type",
        "canContinue": "value",
        "chatLocales": "value",
        "conversationToJSON": "value",
        "conversationToMarkdown": "value",
        "createIndexedDBStorage": "value",
        "createMarkdownIt": "value",
        "createMemoryStorage": "value",
        "createThinkSplitter": "value",
        "describeChatError": "value",
        "importConversation": "value",
        "loadHighlighter": "value",
        "prepareAttachments": "value",
        "useChat": "value",
        "useConversations": "value",
      }
    `)
  })

  it('exports at runtime exactly the values its declarations name', () => {
    expect(Object.keys(kit).sort()).toEqual(valueNames(listExports(entry)))
  })
})
