import type { AttachmentError, AttachmentErrorCode } from '../attachments/attachment-error.js'
import { formatBytes } from './format-bytes.js'
import { formatLabel } from './locales.js'
import type { TypewriterChatLabels } from './locales.js'

/** The limit of a refusal as the message names it: a count of files or a size. */
const shownLimit = (error: AttachmentError): string | number =>
  error.limit === undefined || error.code === 'too_many_files'
    ? (error.limit ?? '')
    : formatBytes(error.limit)

/**
 * One sentence per reason files were refused, naming the files: five files over the count make
 * one message, not five.
 */
export function describeRefusals(
  refused: readonly AttachmentError[],
  labels: TypewriterChatLabels,
): string[] {
  const byCode = new Map<AttachmentErrorCode, AttachmentError[]>()
  for (const error of refused) byCode.set(error.code, [...(byCode.get(error.code) ?? []), error])
  return Array.from(byCode, ([code, errors]) =>
    formatLabel(labels.attachmentErrors[code], {
      names: errors.map((error) => error.fileName).join(', '),
      max: shownLimit(errors[0]!),
    }),
  )
}
