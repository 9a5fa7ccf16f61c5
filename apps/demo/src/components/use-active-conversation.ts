import { ref, watch } from 'vue'
import type { Ref } from 'vue'

/**
 * The conversation shown, kept in the address (`#c=<id>`): a reload reopens it, so a reply that
 * was streaming resumes, and each tab can show its own.
 */
export function useActiveConversation(): Ref<string | undefined> {
  const read = () => new URLSearchParams(location.hash.slice(1)).get('c') ?? undefined
  const active = ref<string | undefined>(read())
  watch(active, (id) => {
    const url = new URL(location.href)
    url.hash = id === undefined ? '' : `c=${encodeURIComponent(id)}`
    history.replaceState(history.state, '', url)
  })
  return active
}
