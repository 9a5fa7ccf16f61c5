import { AttachmentError } from './attachment-error.js'
import { DEFAULT_ATTACHMENT_LIMITS } from './attachment-limits.js'
import type { AttachmentLimits } from './attachment-limits.js'
import type { ChatAttachment, ChatImageAttachment, ChatTextAttachment } from './chat-attachment.js'
import { downscaleImage } from './downscale-image.js'
import type { EncodedImage } from './downscale-image.js'
import { IMAGE_SIGNATURE_BYTES, sniffImageType } from './sniff-image-type.js'
import { textFileLanguage } from './text-file-type.js'

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

function tooLarge(name: string, limit: number): AttachmentError {
  return new AttachmentError('file_too_large', name, `${name} is larger than ${megabytes(limit)}`, {
    limit,
  })
}

/** Runs a browser read or decode; its failure becomes `unreadable`. */
async function reading<T>(name: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    throw new AttachmentError('unreadable', name, `${name} could not be read`, { cause: error })
  }
}

function toDataUrl(image: EncodedImage): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'))
    // Re-typed so the URL names the sniffed type, not the browser's guess from the name.
    reader.readAsDataURL(new Blob([image.blob], { type: image.mediaType }))
  })
}

/**
 * A GIF is sent as it is, animation and all, whatever its size in pixels; only one over the size
 * limit is replaced by its first frame, downscaled, as a PNG.
 */
async function encodeImage(file: File, mediaType: string, limits: AttachmentLimits) {
  const maxSide = limits.maxImageSide
  if (mediaType !== 'image/gif') {
    return downscaleImage(file, { from: mediaType, to: mediaType, maxSide })
  }
  if (file.size <= limits.maxFileBytes) return { blob: file, mediaType }
  return downscaleImage(file, { from: mediaType, to: 'image/png', maxSide })
}

async function readImage(
  file: File,
  mediaType: string,
  limits: AttachmentLimits,
): Promise<ChatImageAttachment> {
  const encoded = await reading(file.name, () => encodeImage(file, mediaType, limits))
  if (encoded.blob.size > limits.maxFileBytes) throw tooLarge(file.name, limits.maxFileBytes)
  const url = await reading(file.name, () => toDataUrl(encoded))
  return {
    kind: 'image',
    name: file.name,
    mediaType: encoded.mediaType,
    url,
    size: encoded.blob.size,
  }
}

/** The UTF-8 text of `bytes`; `undefined` for bytes that are not UTF-8 or hold a NUL, never in text. */
function decodeText(bytes: ArrayBuffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return text.includes('\0') ? undefined : text
  } catch {
    return undefined
  }
}

async function readText(
  file: File,
  language: string,
  limits: AttachmentLimits,
): Promise<ChatTextAttachment> {
  if (file.size > limits.maxFileBytes) throw tooLarge(file.name, limits.maxFileBytes)
  const bytes = await reading(file.name, () => file.arrayBuffer())
  const text = decodeText(bytes)
  if (text === undefined) {
    throw new AttachmentError(
      'unsupported_type',
      file.name,
      `${file.name} is not a UTF-8 text file`,
    )
  }
  return { kind: 'text', name: file.name, language, text, size: file.size }
}

/**
 * `file` as an attachment: a PNG, JPEG, WebP or GIF image (by its bytes) downscaled to
 * `limits.maxImageSide`, or a UTF-8 text file (by its name or media type). Throws an
 * `AttachmentError` (`unsupported_type`, `file_too_large`, `unreadable`) for anything else.
 */
export async function readAttachment(
  file: File,
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): Promise<ChatAttachment> {
  const head = await reading(file.name, () => file.slice(0, IMAGE_SIGNATURE_BYTES).arrayBuffer())
  const mediaType = sniffImageType(new Uint8Array(head))
  if (mediaType !== undefined) return readImage(file, mediaType, limits)
  const language = textFileLanguage(file.name, file.type)
  if (language !== undefined) return readText(file, language, limits)
  throw new AttachmentError(
    'unsupported_type',
    file.name,
    `${file.name} is neither a PNG, JPEG, WebP or GIF image nor a text file`,
  )
}
