import type { ChatContentPart, ChatTextPart } from '@typewriter-chat/core'
import type { ChatAttachment, ChatTextAttachment } from './chat-attachment.js'

/** A fence longer than any run of backticks in `text`, so the file cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (run) => run[0].length))
  return '`'.repeat(Math.max(3, longest + 1))
}

/**
 * A text file as the model reads it: its name on the first line, then its text in a code fence
 * labelled with its language, so several files in one message stay apart.
 */
export function textFilePart(file: ChatTextAttachment): ChatTextPart {
  const fence = fenceFor(file.text)
  const body = file.text.endsWith('\n') ? file.text : `${file.text}\n`
  return { type: 'text', text: `File: ${file.name}\n${fence}${file.language}\n${body}${fence}` }
}

/**
 * The `content` of a user message: the text alone when nothing is attached (exactly as before
 * attachments existed), else OpenAI content parts: the text, then each text file, then each image.
 */
export function toContent(
  text: string,
  attachments: readonly ChatAttachment[] | undefined,
): string | ChatContentPart[] {
  if (attachments === undefined || attachments.length === 0) return text
  const parts: ChatContentPart[] = text.trim() === '' ? [] : [{ type: 'text', text }]
  for (const file of attachments) if (file.kind === 'text') parts.push(textFilePart(file))
  for (const image of attachments) {
    if (image.kind === 'image') parts.push({ type: 'image_url', image_url: { url: image.url } })
  }
  return parts
}
