/** What the mock can tell of an image from its first bytes. */
export interface ImageFacts {
  format: 'PNG' | 'JPEG' | 'GIF' | 'WebP'
  width: number
  height: number
}

const DATA_URL = /^data:image\/[a-z+.-]+;base64,(.*)$/is

/** PNG: the IHDR chunk, always first, holds the size. */
function png(bytes: Buffer): ImageFacts | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG') return undefined
  return { format: 'PNG', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** GIF: the logical screen size follows the signature, little-endian. */
function gif(bytes: Buffer): ImageFacts | undefined {
  if (bytes.length < 10 || bytes.toString('latin1', 0, 3) !== 'GIF') return undefined
  return { format: 'GIF', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) }
}

/** JPEG: the first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC) holds the size. */
function jpeg(bytes: Buffer): ImageFacts | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined
  let offset = 2
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined
    const marker = bytes[offset + 1] ?? 0
    const length = bytes.readUInt16BE(offset + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isFrame) {
      return {
        format: 'JPEG',
        height: bytes.readUInt16BE(offset + 5),
        width: bytes.readUInt16BE(offset + 7),
      }
    }
    offset += 2 + length
  }
  return undefined
}

/** WebP: lossy (VP8), lossless (VP8L) and extended (VP8X) headers each store the size differently. */
function webp(bytes: Buffer): ImageFacts | undefined {
  if (bytes.length < 30 || bytes.toString('latin1', 0, 4) !== 'RIFF') return undefined
  if (bytes.toString('latin1', 8, 12) !== 'WEBP') return undefined
  const chunk = bytes.toString('latin1', 12, 16)
  if (chunk === 'VP8 ') {
    return {
      format: 'WebP',
      width: bytes.readUInt16LE(26) & 0x3fff,
      height: bytes.readUInt16LE(28) & 0x3fff,
    }
  }
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21)
    return { format: 'WebP', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') {
    return {
      format: 'WebP',
      width: bytes.readUIntLE(24, 3) + 1,
      height: bytes.readUIntLE(27, 3) + 1,
    }
  }
  return undefined
}

/** The format and size of the image in a base64 `data:image/…` URL, if its header says. */
export function imageFacts(url: string): ImageFacts | undefined {
  const base64 = DATA_URL.exec(url)?.[1]
  if (base64 === undefined) return undefined
  // The headers sit in the first bytes; JPEG's frame may follow some metadata segments.
  const bytes = Buffer.from(base64.slice(0, 256 * 1024), 'base64')
  return png(bytes) ?? gif(bytes) ?? jpeg(bytes) ?? webp(bytes)
}

/** How the mock model speaks of an image part's URL: "an image of 640 × 480 pixels, PNG". */
export function describeImage(url: string): string {
  const facts = imageFacts(url)
  if (facts !== undefined)
    return `an image of ${facts.width} × ${facts.height} pixels, ${facts.format}`
  if (url.startsWith('https:'))
    return `an image at ${url.length > 80 ? `${url.slice(0, 77)}…` : url}`
  return 'an image I could not read'
}
