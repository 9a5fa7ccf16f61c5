import { computed, inject, provide } from 'vue'
import type { ComputedRef, InjectionKey } from 'vue'
import type { ChatLocale } from '@typewriter-chat/vue'
import { DEMO_TEXTS } from './demo-texts.js'
import type { DemoTexts } from './demo-texts.js'

const KEY: InjectionKey<ComputedRef<DemoTexts>> = Symbol('demo texts')

/** Gives the demo's components their texts in `locale()`, and the page its `lang`. */
export function provideDemoTexts(locale: () => ChatLocale): ComputedRef<DemoTexts> {
  const texts = computed(() => DEMO_TEXTS[locale()])
  provide(KEY, texts)
  return texts
}

/** The demo's texts in the chosen language; English where none was provided (a lone component). */
export function useDemoTexts(): ComputedRef<DemoTexts> {
  return inject(
    KEY,
    computed(() => DEMO_TEXTS.en),
    false,
  )
}
