/** A file size as people read it, in binary units like the limits: `812 B`, `34 KB`, `1.5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  const megabytes = bytes / 1024 / 1024
  return `${Number(megabytes.toFixed(megabytes < 10 ? 1 : 0))} MB`
}
