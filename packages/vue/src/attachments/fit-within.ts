/**
 * The size an image of `width` × `height` is drawn at so that its longer side is at most `maxSide`:
 * the aspect ratio kept, never upscaled, never below 1 px. Equal to the input when it already fits.
 */
export function fitWithin(
  width: number,
  height: number,
  maxSide: number,
): { width: number; height: number } {
  const longer = Math.max(width, height)
  if (longer <= maxSide) return { width, height }
  const scale = maxSide / longer
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}
