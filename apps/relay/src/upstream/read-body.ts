import { upstreamTooLarge } from './too-large.js'

/**
 * A whole body as text, for answers the relay must hold before it can use them (a JSON document):
 * more than `maxBytes` cancels the body and fails with `upstream_too_large`. `onData` hears of
 * every read (a watchdog's sign of life).
 */
export async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  what: string,
  onData: () => void = () => {},
): Promise<string> {
  if (body === null) return ''
  const reader = body.getReader()
  const parts: Uint8Array[] = []
  let size = 0
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    onData()
    size += read.value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw upstreamTooLarge(`${what} larger than ${maxBytes} bytes`)
    }
    parts.push(read.value)
  }
  return Buffer.concat(parts).toString('utf8')
}
