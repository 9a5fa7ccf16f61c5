import type { IncomingMessage } from 'node:http'
import { invalidRequest, type MockError } from '../wire/openai-error.js'

/** Big enough for long conversations, small enough that a runaway client cannot exhaust memory. */
const MAX_BODY_BYTES = 4 * 1024 * 1024

export type BodyResult = { ok: true; value: unknown } | { ok: false; error: MockError }

/** Reads and parses a JSON request body, answering OpenAI-style errors for the usual mistakes. */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return fail(invalidRequest('Content-Type must be application/json.', null, 415))
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return fail(tooLarge())
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_BODY_BYTES) return fail(tooLarge())
      chunks.push(chunk)
    }
  } catch {
    return fail(invalidRequest('The request body could not be read.'))
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }
  } catch {
    return fail(
      invalidRequest(
        'We could not parse the JSON body of your request. Make sure it is valid JSON and try again.',
      ),
    )
  }
}

const fail = (error: MockError): BodyResult => ({ ok: false, error })

const tooLarge = (): MockError =>
  invalidRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`, null, 413)
