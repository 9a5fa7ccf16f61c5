import { AttachmentError } from './attachment-error.js'
import { resolveAttachmentLimits } from './attachment-limits.js'
import type { AttachmentOptions } from './attachment-limits.js'
import type { ChatAttachment } from './chat-attachment.js'
import type { PreparedAttachments } from './prepare-attachments.js'
import { readAttachment } from './read-attachment.js'

/*
 * Loaded with the first file a user attaches (see prepare-attachments.ts): reading, sniffing,
 * downscaling and this module are code only the users who attach files need.
 */

/** What `prepareAttachments` (prepare-attachments.ts) does, once this code has loaded. */
export async function attachFiles(
  files: Iterable<File>,
  options: { attached?: readonly ChatAttachment[]; limits?: AttachmentOptions } = {},
): Promise<PreparedAttachments> {
  const limits = resolveAttachmentLimits(options.limits)
  const attached = options.attached ?? []
  const result: PreparedAttachments = { attachments: [], refused: [] }
  let total = attached.reduce((sum, file) => sum + file.size, 0)
  let room = limits.maxFiles - attached.length
  for (const file of files) {
    if (room <= 0) {
      result.refused.push(
        new AttachmentError('too_many_files', file.name, `At most ${limits.maxFiles} files`, {
          limit: limits.maxFiles,
        }),
      )
      continue
    }
    try {
      const attachment = await readAttachment(file, limits)
      if (total + attachment.size > limits.maxTotalBytes) {
        throw new AttachmentError(
          'total_too_large',
          file.name,
          `${file.name} would take the message over ${limits.maxTotalBytes} bytes`,
          { limit: limits.maxTotalBytes },
        )
      }
      total += attachment.size
      room -= 1
      result.attachments.push(attachment)
    } catch (error) {
      if (!(error instanceof AttachmentError)) throw error
      result.refused.push(error)
    }
  }
  return result
}
