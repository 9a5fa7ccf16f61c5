/** Saves `text` as a file named `name` through the browser's download. */
export function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own reference by now; the URL only holds the blob in memory.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** A file name from a title: letters and digits of any script, the rest as dashes. */
export function fileNameOf(title: string, extension: string): string {
  const base = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'conversation'}.${extension}`
}
