import { describe, expect, it } from 'vitest'
import { pastedFiles } from './pasted-files.js'

const clipboard = (types: string[], files: File[]) =>
  ({
    types,
    files: Object.assign([...files], { item: (i: number) => files[i] }),
  }) as unknown as DataTransfer

const image = new File(['x'], 'image.png', { type: 'image/png' })

describe('pastedFiles', () => {
  it('attaches a screenshot, an image copied in a browser and files from a file manager', () => {
    expect(pastedFiles(clipboard(['Files'], [image]))).toEqual([image])
    expect(pastedFiles(clipboard(['text/html', 'Files'], [image]))).toEqual([image])
    expect(pastedFiles(clipboard(['text/plain', 'Files'], [image]))).toEqual([image])
  })

  it('pastes cells or text copied from an office app as text, not as their picture', () => {
    expect(pastedFiles(clipboard(['text/plain', 'text/html', 'Files'], [image]))).toEqual([])
  })

  it('finds nothing in a text paste', () => {
    expect(pastedFiles(clipboard(['text/plain'], []))).toEqual([])
    expect(pastedFiles(null)).toEqual([])
  })
})
