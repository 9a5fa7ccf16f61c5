import { onBeforeUnmount, onMounted, ref } from 'vue'
import type { Ref } from 'vue'

/** Wide enough for settings, chat and inspector side by side; narrower screens get drawers. */
export const WIDE_LAYOUT = '(min-width: 1180px)'

/** Whether the layout shows panels beside the chat (true) or as drawers over it (false). */
export function useWideLayout(): Ref<boolean> {
  return useWideMedia(WIDE_LAYOUT)
}

/** Whether media query `media` matches, following changes. */
export function useWideMedia(media: string): Ref<boolean> {
  const query = globalThis.matchMedia?.(media)
  const wide = ref(query?.matches ?? true)
  const update = (event: MediaQueryListEvent): void => {
    wide.value = event.matches
  }
  onMounted(() => query?.addEventListener('change', update))
  onBeforeUnmount(() => query?.removeEventListener('change', update))
  return wide
}
