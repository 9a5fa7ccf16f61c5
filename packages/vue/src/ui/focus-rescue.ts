import { onBeforeUnmount, onMounted } from 'vue'
import type { Ref } from 'vue'

/**
 * Keeps keyboard focus in the chat when the control that had it disappears: Continue, Regenerate
 * and Retry go once a reply runs, Dismiss with its banner, "Jump to latest" once at the bottom.
 * The browser would leave focus on the page body, and the next Tab would start from the top.
 * Then `fallback` (the message box) takes it, unless the code that removed the control put focus
 * somewhere on purpose by the end of the task (an edit's Cancel goes back to Edit).
 */
export function useFocusRescue(root: Ref<HTMLElement | null>, fallback: () => void): void {
  let focused: Element | undefined
  let check: ReturnType<typeof setTimeout> | undefined
  const onFocusIn = (event: FocusEvent): void => {
    focused = event.target instanceof Element ? event.target : undefined
  }
  const lost = (): boolean =>
    focused !== undefined &&
    !focused.isConnected &&
    (document.activeElement === null || document.activeElement === document.body)
  const observer =
    typeof MutationObserver === 'undefined'
      ? undefined
      : new MutationObserver(() => {
          if (!lost() || check !== undefined) return
          check = setTimeout(() => {
            check = undefined
            if (lost()) fallback()
          })
        })
  onMounted(() => {
    root.value?.addEventListener('focusin', onFocusIn)
    if (root.value) observer?.observe(root.value, { childList: true, subtree: true })
  })
  onBeforeUnmount(() => {
    observer?.disconnect()
    clearTimeout(check)
    root.value?.removeEventListener('focusin', onFocusIn)
  })
}
