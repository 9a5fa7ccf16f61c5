/** How long the copy button shows its "Copied" state. */
const FEEDBACK_MS = 1500

const feedbackTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>()

/**
 * Copies a rendered reply as rich text: `html` as `text/html` and `text` (its markdown) as
 * `text/plain`, so a paste into a document keeps the formatting and a paste into a plain field gets
 * the markdown. Falls back to {@link copyText} where `ClipboardItem` is missing, the write is denied
 * or `html` fails.
 *
 * `html` may still be on its way (its code loads on the first Copy): the write starts at once,
 * inside the click, and the clipboard waits for the promise. Safari lets a page write only during
 * the click and takes such a promise for what is still being made; Chromium takes the same item.
 */
export async function copyRichText(html: Promise<string>, text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && typeof ClipboardItem === 'function') {
      const item = new ClipboardItem({
        'text/html': html.then((markup) => new Blob([markup], { type: 'text/html' })),
        'text/plain': new Blob([text], { type: 'text/plain' }),
      })
      await navigator.clipboard.write([item])
      return true
    }
  } catch {
    // Denied, or a browser that takes ClipboardItem but not html: plain text is still worth having.
  }
  return copyText(text)
}

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
