/**
 * Why a file was not attached. Stable: UIs switch on them.
 *
 * - `too_many_files`: the message already holds `maxFiles` attachments.
 * - `file_too_large`: the file (an image after downscaling) is over `maxFileBytes`.
 * - `total_too_large`: with this file, the message would carry more than `maxTotalBytes`.
 * - `unsupported_type`: neither a PNG, JPEG, WebP or GIF image nor a UTF-8 text file.
 * - `unreadable`: the browser could not read or decode the file.
 */
export type AttachmentErrorCode =
  'too_many_files' | 'file_too_large' | 'total_too_large' | 'unsupported_type' | 'unreadable'

/** A file that was refused, with the limit it broke (`limit`, for the size and count codes). */
export class AttachmentError extends Error {
  override readonly name = 'AttachmentError'
  readonly code: AttachmentErrorCode
  readonly fileName: string
  readonly limit: number | undefined

  constructor(
    code: AttachmentErrorCode,
    fileName: string,
    message: string,
    options: { limit?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.fileName = fileName
    this.limit = options.limit
  }
}
