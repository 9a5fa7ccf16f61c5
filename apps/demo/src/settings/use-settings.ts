import { reactive, watch } from 'vue'
import { loadSettings, saveSettings } from './demo-settings.js'
import type { DemoSettings } from './demo-settings.js'

/** Reading `localStorage` itself throws in some sandboxed frames. */
function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

/** The demo's settings as reactive state, loaded from and saved to `localStorage` on every change. */
export function useSettings(storage: Storage | undefined = browserStorage()): DemoSettings {
  const settings = reactive(loadSettings(storage))
  watch(settings, (value) => saveSettings(storage, value), { deep: true })
  return settings
}
