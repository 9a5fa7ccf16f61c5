import type { IncomingMessage } from 'node:http'
import { isRecord } from '../is-record.js'

/** Big enough for long conversations, small enough that a runaway client cannot exhaust memory. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024

/** A request body as read once, for the record and for whichever answer needs it. */
export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'not-json' }
  | { kind: 'too-large' }
  | { kind: 'unreadable' }

/** Reads the whole body (up to {@link MAX_BODY_BYTES}) and parses it as JSON when it is JSON. */
export async function readBody(req: IncomingMessage): Promise<RequestBody> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    req.resume()
    return { kind: 'too-large' }
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.resume()
        return { kind: 'too-large' }
      }
      chunks.push(chunk)
    }
  } catch {
    return { kind: 'unreadable' }
  }
  try {
    return { kind: 'json', value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }
  } catch {
    return { kind: 'not-json' }
  }
}

/** The body as a record keeps it: a JSON object, or nothing. */
export function recordedBody(body: RequestBody): Record<string, unknown> | undefined {
  return body.kind === 'json' && isRecord(body.value) ? body.value : undefined
}
