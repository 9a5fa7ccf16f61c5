import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { SETTINGS_KEY, defaultSettings, loadSettings, saveSettings } from './demo-settings.js'
import { useSettings } from './use-settings.js'

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(initial))
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  }
}

describe('demo settings', () => {
  it('starts from the defaults when nothing is saved', () => {
    expect(loadSettings(memoryStorage())).toEqual(defaultSettings())
    expect(loadSettings(undefined)).toEqual(defaultSettings())
  })

  it('round-trips every field through storage', () => {
    const storage = memoryStorage()
    const settings = {
      model: 'mock-reasoner',
      systemPrompt: 'Answer like a pirate.',
      typewriterSpeed: 120,
      typewriterOff: true,
      continuation: false,
      locale: 'zh-CN',
      theme: 'dark',
    } as const
    saveSettings(storage, settings)
    expect(loadSettings(storage)).toEqual(settings)
  })

  it('replaces invalid or missing fields with defaults and clamps the speed', () => {
    const storage = memoryStorage({
      [SETTINGS_KEY]: JSON.stringify({
        locale: 'fr',
        theme: 3,
        typewriterSpeed: 99999,
        model: 'x',
      }),
    })
    expect(loadSettings(storage)).toEqual({
      ...defaultSettings(),
      model: 'x',
      typewriterSpeed: 400,
    })
  })

  it('ignores corrupt JSON and storage that throws', () => {
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: '{nope' }))).toEqual(defaultSettings())
    const throwing = {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('quota')
      },
    }
    expect(loadSettings(throwing)).toEqual(defaultSettings())
    expect(() => saveSettings(throwing, defaultSettings())).not.toThrow()
  })

  it('saves a change made through the reactive settings', async () => {
    const storage = memoryStorage()
    const settings = useSettings(storage)
    settings.theme = 'light'
    settings.typewriterSpeed = 200
    await nextTick()
    expect(loadSettings(storage)).toMatchObject({ theme: 'light', typewriterSpeed: 200 })
  })
})
