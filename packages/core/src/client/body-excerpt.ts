/** Enough to show what answered; an error page is not worth downloading in full. */
const MAX_BYTES = 16 * 1024
const MAX_EXCERPT = 200

/**
 * Reads at most the first 16 KB of a body as text, then cancels the rest. Never throws: an error
 * body cut short is still worth showing.
 * @internal
 */
export async function readBodyPrefix(response: Response): Promise<string> {
  const body = response.body
  if (body === null) return ''
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let size = 0
  try {
    while (size < MAX_BYTES) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      text += decoder.decode(value, { stream: true })
    }
    return text + decoder.decode()
  } catch {
    return text
  } finally {
    reader.cancel().catch(() => {})
  }
}

/**
 * A short, single-line excerpt of a body for an error message. For HTML (a proxy's error page or a
 * login page) the `<title>` if any, else the visible text.
 * @internal
 */
export function excerpt(text: string): string {
  let plain = text
  if (/<(?:!doctype|html|head|body|title)\b/i.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1]?.trim()
    plain =
      title !== undefined && title !== ''
        ? title
        : text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
  }
  plain = plain.replace(/\s+/g, ' ').trim()
  return plain.length > MAX_EXCERPT ? `${plain.slice(0, MAX_EXCERPT)}…` : plain
}
