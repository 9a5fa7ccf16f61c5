import type { AttachmentError } from './attachment-error.js'
import type { AttachmentOptions } from './attachment-limits.js'
import type { ChatAttachment } from './chat-attachment.js'

/** What `prepareAttachments` made of the files: those it attached and why it refused the others. */
export interface PreparedAttachments {
  attachments: ChatAttachment[]
  refused: AttachmentError[]
}

/**
 * Reads `files` into attachments for one message that already holds `attached`, within the limits:
 * the files past `maxFiles` are refused unread, the others read one at a time (a few large images
 * decoded at once would hold all their pixels in memory together), each kept only if the message's
 * total stays within `maxTotalBytes`. Nothing already attached is ever dropped.
 *
 * The code that reads files loads with the first call, so a page where nobody attaches a file never
 * fetches it.
 */
export async function prepareAttachments(
  files: Iterable<File>,
  options: { attached?: readonly ChatAttachment[]; limits?: AttachmentOptions } = {},
): Promise<PreparedAttachments> {
  const { attachFiles } = await import('./attach-files.js')
  return attachFiles(files, options)
}
