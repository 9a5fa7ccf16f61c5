import type { ChatStreamError } from '@typewriter-chat/core'
import { computed, onBeforeUnmount, shallowRef, watch } from 'vue'
import type { ComputedRef } from 'vue'
import { describeChatError } from '../chat/error-description.js'
import type { ChatErrorContext, ChatErrorKey } from '../chat/error-description.js'
import { formatLabel } from './locales.js'
import type { TypewriterChatLabels } from './locales.js'

/** An error in words, for the banner and for the mark on the failed reply. */
export interface ErrorText {
  key: ComputedRef<ChatErrorKey>
  /** What happened and what to do, in the chat's locale. */
  text: ComputedRef<string>
  /** The status and the server's own message, for a details line (`''` when there are none). */
  detail: ComputedRef<string>
}

/**
 * Says what `error` means in `labels`' locale. A rate limit with a known wait counts down, so the
 * text never tells someone to wait 20 s when the time is already up.
 */
export function useErrorText(
  error: () => ChatStreamError,
  context: () => ChatErrorContext,
  labels: () => TypewriterChatLabels,
): ErrorText {
  const description = computed(() => describeChatError(error(), context()))
  const secondsLeft = shallowRef(0)
  let timer: ReturnType<typeof setInterval> | undefined
  watch(
    description,
    ({ params }) => {
      clearInterval(timer)
      secondsLeft.value = params.retryAfter ?? 0
      if (secondsLeft.value <= 0) return
      const until = Date.now() + secondsLeft.value * 1000
      timer = setInterval(() => {
        secondsLeft.value = Math.max(0, Math.ceil((until - Date.now()) / 1000))
        if (secondsLeft.value === 0) clearInterval(timer)
      }, 1000)
    },
    { immediate: true },
  )
  onBeforeUnmount(() => clearInterval(timer))

  return {
    key: computed(() => description.value.key),
    text: computed(() => {
      const { key } = description.value
      if (key === 'rateLimited' && secondsLeft.value > 0) {
        return formatLabel(labels().rateLimitedFor, { seconds: secondsLeft.value })
      }
      return labels().errors[key]
    }),
    detail: computed(() => {
      const { status, detail } = description.value.params
      const parts = status === undefined ? [] : [formatLabel(labels().errorStatus, { status })]
      if (detail !== '') parts.push(detail)
      return parts.join(' · ')
    }),
  }
}
