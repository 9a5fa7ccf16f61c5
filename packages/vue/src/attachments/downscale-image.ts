import { fitWithin } from './fit-within.js'

// What canvas encoders are asked for: visually lossless for photos at a third of the bytes of 1.0.
const QUALITY = 0.9

/** An encoded image and its media type. */
export interface EncodedImage {
  blob: Blob
  mediaType: string
}

/**
 * `image` (of type `from`) with its longer side brought down to `maxSide`, encoded as `to` by a
 * canvas; the original bytes, untouched, when it already fits and `to` is `from`. The browser decodes
 * (EXIF orientation applied) and encodes, so this runs in browsers only. A GIF decodes to its first
 * frame.
 */
export async function downscaleImage(
  image: Blob,
  { from, to, maxSide }: { from: string; to: string; maxSide: number },
): Promise<EncodedImage> {
  const bitmap = await createImageBitmap(image)
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxSide)
    if (from === to && size.width === bitmap.width && size.height === bitmap.height) {
      return { blob: image, mediaType: from }
    }
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('No 2D canvas to downscale the image on')
    context.imageSmoothingQuality = 'high'
    context.drawImage(bitmap, 0, 0, size.width, size.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, to, QUALITY))
    if (blob === null) throw new Error('The canvas could not encode the downscaled image')
    // A browser that cannot encode the type (Safari and WebP) answers with a PNG.
    return { blob, mediaType: blob.type || to }
  } finally {
    bitmap.close()
  }
}
