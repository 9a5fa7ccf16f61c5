/** An image attached to a user message, exactly as it is sent: downscaled when it was larger than needed. */
export interface ChatImageAttachment {
  kind: 'image'
  /** The file name the user picked, shown and given to assistive technology. */
  name: string
  /** `image/png`, `image/jpeg`, `image/webp` or `image/gif`, read from the bytes, not the name. */
  mediaType: string
  /** The image as a base64 `data:` URL: what the model receives and what the thumbnail shows. */
  url: string
  /** Bytes of the encoded image (before base64). */
  size: number
}

/** A text file (notes, CSV, JSON, source code) attached to a user message, sent as a text part. */
export interface ChatTextAttachment {
  kind: 'text'
  name: string
  /** The code-fence language the text is sent under, from the extension (`md`, `ts`…); may be empty. */
  language: string
  text: string
  /** Bytes of the file. */
  size: number
}

/** Something attached to a user message. Build one with `readAttachment` or `prepareAttachments`. */
export type ChatAttachment = ChatImageAttachment | ChatTextAttachment
