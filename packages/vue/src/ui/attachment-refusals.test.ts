import { describe, expect, it } from 'vitest'
import { AttachmentError } from '../attachments/attachment-error.js'
import { describeRefusals } from './attachment-refusals.js'
import { chatLocales } from './locales.js'

const refusal = (code: AttachmentError['code'], name: string, limit?: number) =>
  new AttachmentError(code, name, 'refused', limit === undefined ? {} : { limit })

describe('describeRefusals', () => {
  it('says once per reason which files were not attached and the limit they broke', () => {
    const refused = [
      refusal('file_too_large', 'huge.png', 5 * 1024 * 1024),
      refusal('too_many_files', 'e.txt', 4),
      refusal('too_many_files', 'f.txt', 4),
      refusal('unsupported_type', 'paper.pdf'),
    ]
    expect(describeRefusals(refused, chatLocales.en)).toEqual([
      'Not attached, larger than 5 MB: huge.png.',
      'Not attached, at most 4 files per message: e.txt, f.txt.',
      'Not attached, only images (PNG, JPEG, WebP, GIF) and text files can be sent: paper.pdf.',
    ])
    expect(describeRefusals(refused.slice(0, 2), chatLocales['zh-CN'])).toEqual([
      '未添加，文件超过 5 MB：huge.png。',
      '未添加，每条消息最多 4 个文件：e.txt。',
    ])
  })

  it('says nothing when nothing was refused', () => {
    expect(describeRefusals([], chatLocales.en)).toEqual([])
  })
})
