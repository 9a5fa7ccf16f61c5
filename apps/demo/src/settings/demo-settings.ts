import type { ChatLocale, ChatTheme } from '@typewriter-chat/vue'

/** Everything the settings panel controls; persisted in `localStorage`. */
export interface DemoSettings {
  /** The model to ask for; `''` lets the relay pick its default. */
  model: string
  systemPrompt: string
  /** Typewriter pace in characters per second. */
  typewriterSpeed: number
  /** Show text as it arrives, without the typewriter. */
  typewriterOff: boolean
  /** Let the relay continue replies cut by the token limit. */
  continuation: boolean
  locale: ChatLocale
  theme: ChatTheme
}

export const SETTINGS_KEY = 'typewriter-chat-demo:settings'

export const SPEED_MIN = 10
export const SPEED_MAX = 400
export const SPEED_STEP = 10

export const LOCALES: readonly { value: ChatLocale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '简体中文' },
]

export const THEMES: readonly ChatTheme[] = ['auto', 'light', 'dark']

export function defaultSettings(): DemoSettings {
  return {
    model: '',
    systemPrompt: '',
    typewriterSpeed: 60,
    typewriterOff: false,
    continuation: true,
    locale: 'en',
    theme: 'auto',
  }
}

function pick<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

/**
 * Reads the saved settings, field by field: a value that is missing or of the wrong shape (an
 * older version of the demo, a hand-edited entry) falls back to its default instead of breaking
 * the page.
 */
export function loadSettings(storage: Pick<Storage, 'getItem'> | undefined): DemoSettings {
  const defaults = defaultSettings()
  let saved: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(SETTINGS_KEY) ?? 'null')
    if (parsed !== null && typeof parsed === 'object') saved = parsed as Record<string, unknown>
  } catch {
    // Unreadable storage (blocked, corrupt JSON): start from the defaults.
  }
  const speed = saved.typewriterSpeed
  return {
    model: typeof saved.model === 'string' ? saved.model : defaults.model,
    systemPrompt:
      typeof saved.systemPrompt === 'string' ? saved.systemPrompt : defaults.systemPrompt,
    typewriterSpeed:
      typeof speed === 'number' && Number.isFinite(speed)
        ? Math.min(SPEED_MAX, Math.max(SPEED_MIN, Math.round(speed)))
        : defaults.typewriterSpeed,
    typewriterOff:
      typeof saved.typewriterOff === 'boolean' ? saved.typewriterOff : defaults.typewriterOff,
    continuation:
      typeof saved.continuation === 'boolean' ? saved.continuation : defaults.continuation,
    locale: pick(
      saved.locale,
      LOCALES.map((option) => option.value),
      defaults.locale,
    ),
    theme: pick(saved.theme, THEMES, defaults.theme),
  }
}

/** Saves the settings; a full or blocked storage only means they are not remembered. */
export function saveSettings(
  storage: Pick<Storage, 'setItem'> | undefined,
  settings: DemoSettings,
): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings))
  } catch {
    // Private mode or quota exceeded: the demo still works, it just forgets.
  }
}
