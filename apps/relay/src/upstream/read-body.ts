import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import { NodeResponse } from './node-fetch.js'
import { upstreamTooLarge } from './too-large.js'

/** The response body as a Node stream: the message itself when our fetch made the response. */
export function nodeBody(response: Response): Readable {
  if (response instanceof NodeResponse) return response.message
  if (response.body === null) return Readable.from([])
  return Readable.fromWeb(response.body as NodeWebStream<Uint8Array>)
}

/**
 * A whole body as text, for answers the relay must hold before it can use them (a JSON document):
 * more than `maxBytes` closes the body and fails with `upstream_too_large`. `onData` hears of
 * every read (a watchdog's sign of life).
 */
export async function readBounded(
  body: Readable,
  maxBytes: number,
  what: string,
  onData: () => void = () => {},
): Promise<string> {
  const parts: Buffer[] = []
  let size = 0
  for await (const part of body as AsyncIterable<Buffer>) {
    onData()
    size += part.length
    if (size > maxBytes) {
      body.destroy()
      throw upstreamTooLarge(`${what} larger than ${maxBytes} bytes`)
    }
    parts.push(part)
  }
  return Buffer.concat(parts).toString('utf8')
}
