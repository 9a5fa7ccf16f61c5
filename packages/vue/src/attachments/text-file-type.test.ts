import { describe, expect, it } from 'vitest'
import { textFileLanguage } from './text-file-type.js'

describe('textFileLanguage', () => {
  it('names the fence language after the extension of notes, data and source code', () => {
    expect(textFileLanguage('notes.md', 'text/markdown')).toBe('md')
    expect(textFileLanguage('data.CSV', '')).toBe('csv')
    expect(textFileLanguage('main.py', 'text/x-python')).toBe('py')
    expect(textFileLanguage('Dockerfile', '')).toBe('dockerfile')
  })

  it('trusts the name over a wrong media type (.ts is not MPEG video)', () => {
    expect(textFileLanguage('app.ts', 'video/mp2t')).toBe('ts')
  })

  it('sends plain text and unknown text types without a language', () => {
    expect(textFileLanguage('readme.txt', 'text/plain')).toBe('')
    expect(textFileLanguage('changes', 'text/plain')).toBe('')
    expect(textFileLanguage('report.json5', 'application/json')).toBe('')
    expect(textFileLanguage('feed.atom', 'application/atom+xml')).toBe('')
  })

  it('is not fooled into reading binary files as text', () => {
    expect(textFileLanguage('report.pdf', 'application/pdf')).toBeUndefined()
    expect(textFileLanguage('archive.zip', '')).toBeUndefined()
    expect(textFileLanguage('.md', '')).toBeUndefined()
  })
})
