/**
 * The files a paste should attach. Office apps put a picture of the copied cells or text next to the
 * text itself (with HTML): that paste is text, and the picture is ignored. A screenshot, an image
 * copied in a browser or files copied in a file manager are attached.
 */
export function pastedFiles(data: DataTransfer | null): File[] {
  if (data === null || data.files.length === 0) return []
  const types = Array.from(data.types)
  const richText = types.includes('text/html') && types.includes('text/plain')
  return richText ? [] : Array.from(data.files)
}
