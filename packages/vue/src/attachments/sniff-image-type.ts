/** How many leading bytes `sniffImageType` needs. */
export const IMAGE_SIGNATURE_BYTES = 12

const ascii = (bytes: Uint8Array, from: number, text: string): boolean =>
  [...text].every((char, i) => bytes[from + i] === char.charCodeAt(0))

/**
 * The media type of a PNG, JPEG, WebP or GIF from its first bytes, else `undefined`. The bytes decide,
 * not the name or the browser's guess: a `.png` that is really a JPEG must be sent as `image/jpeg`,
 * and a HEIC or BMP renamed `.jpg` is not an image a vision model accepts.
 */
export function sniffImageType(head: Uint8Array): string | undefined {
  if (head[0] === 0x89 && ascii(head, 1, 'PNG\r\n\x1a\n')) return 'image/png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif'
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp'
  return undefined
}
