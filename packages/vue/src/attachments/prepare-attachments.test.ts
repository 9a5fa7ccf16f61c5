import { describe, expect, it } from 'vitest'
import type { ChatTextAttachment } from './chat-attachment.js'
import { prepareAttachments } from './prepare-attachments.js'

const textFile = (name: string, size: number) => new File(['x'.repeat(size)], name)
const attached = (size: number): ChatTextAttachment => ({
  kind: 'text',
  name: 'old.txt',
  language: '',
  text: 'x'.repeat(size),
  size,
})
const refusals = (result: Awaited<ReturnType<typeof prepareAttachments>>) =>
  result.refused.map((error) => [error.code, error.fileName, error.limit])

describe('prepareAttachments', () => {
  it('reads text files with their name and language', async () => {
    const result = await prepareAttachments([new File(['a,b\n1,2\n'], 'data.csv')])
    expect(result).toEqual({
      attachments: [
        { kind: 'text', name: 'data.csv', language: 'csv', text: 'a,b\n1,2\n', size: 8 },
      ],
      refused: [],
    })
  })

  it('refuses the files past the count, counting those already attached', async () => {
    const result = await prepareAttachments(
      [textFile('a.txt', 1), textFile('b.txt', 1), textFile('c.txt', 1)],
      { attached: [attached(1)], limits: { maxFiles: 2 } },
    )
    expect(result.attachments.map((file) => file.name)).toEqual(['a.txt'])
    expect(refusals(result)).toEqual([
      ['too_many_files', 'b.txt', 2],
      ['too_many_files', 'c.txt', 2],
    ])
  })

  it('refuses a file over the size limit and keeps the others', async () => {
    const result = await prepareAttachments([textFile('big.md', 11), textFile('ok.md', 10)], {
      limits: { maxFileBytes: 10 },
    })
    expect(result.attachments.map((file) => file.name)).toEqual(['ok.md'])
    expect(refusals(result)).toEqual([['file_too_large', 'big.md', 10]])
  })

  it('refuses a file that would take the message over the total and still takes a smaller one after it', async () => {
    const result = await prepareAttachments(
      [textFile('a.txt', 4), textFile('b.txt', 4), textFile('c.txt', 2)],
      { attached: [attached(4)], limits: { maxTotalBytes: 10 } },
    )
    expect(result.attachments.map((file) => file.name)).toEqual(['a.txt', 'c.txt'])
    expect(refusals(result)).toEqual([['total_too_large', 'b.txt', 10]])
  })

  it('refuses binary files, whatever their name says', async () => {
    const result = await prepareAttachments([
      new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'paper.pdf', {
        type: 'application/pdf',
      }),
      new File([new Uint8Array([0x41, 0x00, 0x42])], 'notes.txt'),
      new File([new Uint8Array([0xc3, 0x28])], 'latin1.txt'),
    ])
    expect(result.attachments).toEqual([])
    expect(refusals(result)).toEqual([
      ['unsupported_type', 'paper.pdf', undefined],
      ['unsupported_type', 'notes.txt', undefined],
      ['unsupported_type', 'latin1.txt', undefined],
    ])
  })

  it('keeps a GIF within the limit byte for byte, animation and all', async () => {
    const gif = new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([1, 0, 1, 0, 0]))
    const result = await prepareAttachments([new File([gif], 'spin.gif')])
    expect(result.attachments).toEqual([
      {
        kind: 'image',
        name: 'spin.gif',
        mediaType: 'image/gif',
        url: `data:image/gif;base64,${btoa(String.fromCharCode(...gif))}`,
        size: gif.length,
      },
    ])
  })
})
