import { describe, expect, it } from 'vitest'
import { gif, jpeg, png, webpLossless } from '../../test/image-bytes.js'
import { describeImage, imageFacts } from './image-facts.js'

const dataUrl = (mime: string, bytes: Buffer): string =>
  `data:${mime};base64,${bytes.toString('base64')}`

describe('the mock reading images', () => {
  it('reads the format and size of PNG, JPEG, GIF and WebP headers', () => {
    const cases = [
      ['image/png', png(640, 480), { format: 'PNG', width: 640, height: 480 }],
      ['image/jpeg', jpeg(1024, 768), { format: 'JPEG', width: 1024, height: 768 }],
      ['image/gif', gif(32, 16), { format: 'GIF', width: 32, height: 16 }],
      ['image/webp', webpLossless(2048, 1536), { format: 'WebP', width: 2048, height: 1536 }],
    ] as const
    for (const [mime, bytes, facts] of cases)
      expect(imageFacts(dataUrl(mime, bytes))).toEqual(facts)
  })

  it('describes what it read, a URL it cannot open, and bytes that are no image', () => {
    expect(describeImage(dataUrl('image/png', png(640, 480)))).toBe(
      'an image of 640 × 480 pixels, PNG',
    )
    expect(describeImage('https://example.com/cat.png')).toBe(
      'an image at https://example.com/cat.png',
    )
    expect(describeImage(dataUrl('image/png', Buffer.from('hello')))).toBe(
      'an image I could not read',
    )
  })
})
