import { onBeforeUnmount, onMounted, shallowRef } from 'vue'
import type { Ref, ShallowRef } from 'vue'

/** Within this many pixels of the end counts as "at the bottom" (rounding, sub-pixel zoom). */
const BOTTOM_SLACK_PX = 24
/** Keys that scroll up; pressing one in the transcript means the reader wants to read back. */
const KEYS_UP = new Set(['ArrowUp', 'PageUp', 'Home'])

/** Scroll state of a transcript that follows new content until the reader scrolls away. */
export interface StickToBottom {
  /** True while new content scrolls the transcript to the end. */
  following: Readonly<ShallowRef<boolean>>
  /** True while there is unseen content below the viewport ("jump to latest" is worth showing). */
  contentBelow: Readonly<ShallowRef<boolean>>
  /** Scrolls to the end and follows new content again. */
  jumpToLatest(): void
}

/**
 * Keeps `scroller` at its end while `content` grows, and lets go at the first sign the reader wants
 * to read back: a wheel or touch gesture upward, an upward key, or a scroll (scrollbar drag) that
 * leaves the end. Scrolling back down to the end follows again. Content changes are watched on the
 * DOM, not on Vue state, because the markdown tail renders outside Vue: a `MutationObserver` sees
 * new text, a `ResizeObserver` sees growth without mutations (images, code highlighting, rewrapping).
 */
export function useStickToBottom(
  scroller: Readonly<Ref<HTMLElement | null | undefined>>,
  content: Readonly<Ref<HTMLElement | null | undefined>>,
): StickToBottom {
  const following = shallowRef(true)
  const contentBelow = shallowRef(false)
  let lastTop = 0
  let touchY: number | undefined
  const observers: { disconnect(): void }[] = []

  const distanceToEnd = (el: HTMLElement): number =>
    el.scrollHeight - el.clientHeight - el.scrollTop

  function measure(): void {
    const el = scroller.value
    if (!el) return
    contentBelow.value = distanceToEnd(el) > BOTTOM_SLACK_PX
  }

  function toEnd(): void {
    const el = scroller.value
    if (!el) return
    el.scrollTop = el.scrollHeight
    lastTop = el.scrollTop
    contentBelow.value = false
  }

  function onContent(): void {
    if (following.value) toEnd()
    else measure()
  }

  // Mutations come many times a frame while a reply streams, and scrolling reads the layout: per
  // mutation that forced a layout each time. Once per frame is enough. A resize is reported after
  // layout, when reading it is free, so it scrolls at once, in the same frame.
  let frame = 0
  function onMutation(): void {
    if (frame !== 0) return
    frame = requestAnimationFrame(() => {
      frame = 0
      onContent()
    })
  }

  function release(): void {
    following.value = false
    measure()
  }

  function onScroll(): void {
    const el = scroller.value
    if (!el) return
    const top = el.scrollTop
    const nearEnd = distanceToEnd(el) <= BOTTOM_SLACK_PX
    // Upward and away from the end: a scrollbar drag or any scroll we did not make. Content that
    // shrinks also moves scrollTop up, but then it stays at the end.
    if (top < lastTop - 1 && !nearEnd) following.value = false
    else if (top > lastTop && nearEnd) following.value = true
    lastTop = top
    contentBelow.value = !nearEnd
  }

  function onWheel(event: WheelEvent): void {
    if (event.deltaY < 0) release()
  }

  function onTouchStart(event: TouchEvent): void {
    touchY = event.touches[0]?.clientY
  }

  function onTouchMove(event: TouchEvent): void {
    const y = event.touches[0]?.clientY
    // A finger moving down drags the content down: the reader scrolls up.
    if (touchY !== undefined && y !== undefined && y > touchY + 2) release()
    touchY = y
  }

  function onKeydown(event: KeyboardEvent): void {
    if (KEYS_UP.has(event.key) || (event.key === ' ' && event.shiftKey)) release()
  }

  function jumpToLatest(): void {
    following.value = true
    toEnd()
  }

  const listeners = [
    ['scroll', onScroll],
    ['wheel', onWheel],
    ['touchstart', onTouchStart],
    ['touchmove', onTouchMove],
    ['keydown', onKeydown],
  ] as const

  onMounted(() => {
    const el = scroller.value
    if (!el) return
    for (const [type, listener] of listeners) {
      el.addEventListener(type, listener as EventListener, { passive: true })
    }
    const inner = content.value
    if (inner) {
      const mutations = new MutationObserver(onMutation)
      mutations.observe(inner, { childList: true, subtree: true, characterData: true })
      observers.push(mutations)
      if (typeof ResizeObserver === 'function') {
        const resizes = new ResizeObserver(onContent)
        resizes.observe(inner)
        observers.push(resizes)
      }
    }
    toEnd()
  })

  onBeforeUnmount(() => {
    cancelAnimationFrame(frame)
    for (const observer of observers) observer.disconnect()
    const el = scroller.value
    if (!el) return
    for (const [type, listener] of listeners)
      el.removeEventListener(type, listener as EventListener)
  })

  return { following, contentBelow, jumpToLatest }
}
