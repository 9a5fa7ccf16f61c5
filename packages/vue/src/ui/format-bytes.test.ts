import { describe, expect, it } from 'vitest'
import { formatBytes } from './format-bytes.js'

describe('formatBytes', () => {
  it('reads like the limits, in binary units', () => {
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(34 * 1024 + 100)).toBe('34 KB')
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB')
    expect(formatBytes(12.4 * 1024 * 1024)).toBe('12 MB')
  })
})
