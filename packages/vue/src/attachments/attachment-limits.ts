/** Limits of what one message may carry; each one left out keeps its default. */
export interface AttachmentOptions {
  /** Files per message. Default 4. */
  maxFiles?: number
  /** Bytes per file, an image counted after downscaling. Default 5 MB (5 × 1024 × 1024). */
  maxFileBytes?: number
  /** Bytes of all the files of one message. Default 10 MB; base64 makes the request a third larger. */
  maxTotalBytes?: number
  /** Images with a longer side are downscaled to it (GIFs excepted). Default 2048 px. */
  maxImageSide?: number
}

export type AttachmentLimits = Required<AttachmentOptions>

const MB = 1024 * 1024

// 2048 px is the long side OpenAI's vision models scale any image down to before they look at it, so
// more pixels cost bytes and upload time and buy nothing. Four 5 MB files keep a request well under the
// 20 MB per image and 50 MB per request OpenAI accepts.
export const DEFAULT_ATTACHMENT_LIMITS: Readonly<AttachmentLimits> = {
  maxFiles: 4,
  maxFileBytes: 5 * MB,
  maxTotalBytes: 10 * MB,
  maxImageSide: 2048,
}

/** The limits in force: `options` over the defaults. */
export function resolveAttachmentLimits(options: AttachmentOptions = {}): AttachmentLimits {
  const limits = { ...DEFAULT_ATTACHMENT_LIMITS }
  for (const key of Object.keys(limits) as Array<keyof AttachmentLimits>) {
    const value = options[key]
    if (value !== undefined) limits[key] = value
  }
  return limits
}
