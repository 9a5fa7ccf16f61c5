import { onBeforeUnmount, onMounted, shallowRef } from 'vue'
import type { ShallowRef } from 'vue'

// A finger is the main pointer: a phone or tablet, where a soft keyboard's Enter is the only way
// to start a new line.
const TOUCH = '(pointer: coarse)'

/** Whether the primary input is touch; follows a change (a tablet's keyboard cover). */
export function useTouchInput(): Readonly<ShallowRef<boolean>> {
  const touch = shallowRef(false)
  const query = typeof matchMedia === 'function' ? matchMedia(TOUCH) : undefined
  const update = (): void => {
    touch.value = query?.matches ?? false
  }
  onMounted(() => {
    update()
    query?.addEventListener('change', update)
  })
  onBeforeUnmount(() => query?.removeEventListener('change', update))
  return touch
}
