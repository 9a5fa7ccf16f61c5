import { describe, expect, it } from 'vitest'
import { sniffImageType } from './sniff-image-type.js'

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part,
    ),
  )

describe('sniffImageType', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes', () => {
    expect(sniffImageType(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0]))).toBe('image/png')
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffImageType(bytes('GIF89a'))).toBe('image/gif')
    expect(sniffImageType(bytes('GIF87a'))).toBe('image/gif')
    expect(sniffImageType(bytes('RIFF', [1, 2, 3, 4], 'WEBP'))).toBe('image/webp')
  })

  it('refuses other formats and files too short to tell', () => {
    expect(sniffImageType(bytes('BM', [0, 0]))).toBeUndefined()
    expect(sniffImageType(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBeUndefined()
    expect(sniffImageType(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBeUndefined()
    expect(sniffImageType(bytes([0x89], 'PN'))).toBeUndefined()
    expect(sniffImageType(new Uint8Array())).toBeUndefined()
  })
})
