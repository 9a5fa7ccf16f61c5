/** How long the copy button shows its "Copied" state. */
const FEEDBACK_MS = 1500

const feedbackTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>()

/** Copies `text` with the Clipboard API, falling back to `execCommand` where it is missing or denied. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Denied (no user activation, insecure context): the legacy path below may still work.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}

/**
 * The one click listener of a markdown root: when the click hit a code block's copy button, copies
 * that block's code and marks the button `data-copied` for a moment. Delegation means no listener
 * per block, nothing to re-bind when blocks render, nothing to leak.
 */
export function onCodeCopyClick(event: MouseEvent): void {
  const root = event.currentTarget
  const target = event.target
  if (!(target instanceof Element) || !(root instanceof Element)) return
  const button = target.closest('[data-tc-copy]')
  if (!button || !root.contains(button)) return
  const code = button.closest('.tc-code')?.querySelector('code')
  if (!code) return
  void copyText(code.textContent).then((copied) => {
    if (!copied) return
    button.setAttribute('data-copied', '')
    clearTimeout(feedbackTimers.get(button))
    feedbackTimers.set(
      button,
      setTimeout(() => button.removeAttribute('data-copied'), FEEDBACK_MS),
    )
  })
}
