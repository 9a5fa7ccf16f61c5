import { describe, expect, it } from 'vitest'
import { enterAction, isComposing } from './ime-enter.js'

const key = (init: Partial<KeyboardEvent> & { keyCode?: number } = {}) => ({
  key: 'Enter',
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  isComposing: false,
  ...init,
})

describe('enterAction', () => {
  it('sends on a plain Enter', () => {
    expect(enterAction(key(), false)).toBe('send')
    expect(enterAction(key({ metaKey: true }), false)).toBe('send')
  })

  it('inserts a newline on Shift, Alt or Ctrl + Enter', () => {
    expect(enterAction(key({ shiftKey: true }), false)).toBe('newline')
    expect(enterAction(key({ altKey: true }), false)).toBe('newline')
    expect(enterAction(key({ ctrlKey: true }), false)).toBe('newline')
  })

  it('never sends while an input method is composing, by any of the three signs', () => {
    expect(enterAction(key(), true)).toBe('ignore')
    expect(enterAction(key({ isComposing: true }), false)).toBe('ignore')
    expect(enterAction(key({ keyCode: 229 }), false)).toBe('ignore')
  })

  it('adds a line on touch screens, where Send sends (Ctrl or Cmd+Enter from a hardware keyboard)', () => {
    expect(enterAction(key(), false, true)).toBe('newline')
    expect(enterAction(key({ shiftKey: true }), false, true)).toBe('newline')
    expect(enterAction(key({ ctrlKey: true }), false, true)).toBe('send')
    expect(enterAction(key({ metaKey: true }), false, true)).toBe('send')
    expect(enterAction(key(), true, true)).toBe('ignore')
  })

  it('leaves other keys alone', () => {
    expect(enterAction(key({ key: 'a' }), false)).toBe('ignore')
  })

  it('tells a key meant for the input method (Escape included) from one meant for the app', () => {
    expect(isComposing(key({ key: 'Escape' }), false)).toBe(false)
    expect(isComposing(key({ key: 'Escape' }), true)).toBe(true)
    expect(isComposing(key({ key: 'Escape', isComposing: true }), false)).toBe(true)
    expect(isComposing(key({ key: 'Escape', keyCode: 229 }), false)).toBe(true)
  })
})
