import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Lets a browser page call the mock directly: every answer is readable from any origin, with the
 * headers a chat client reads exposed, and preflights are answered for whatever they ask.
 */
export function allowAnyOrigin(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*')
  res.setHeader('access-control-expose-headers', 'retry-after, retry-after-ms, x-request-id')
}

/** Answers an `OPTIONS` preflight with 204, allowing the method and headers it asks for. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const method = req.headers['access-control-request-method']
  const headers = req.headers['access-control-request-headers']
  res.writeHead(204, {
    'access-control-allow-methods': method ?? 'GET, POST, OPTIONS',
    ...(headers !== undefined && { 'access-control-allow-headers': headers }),
    'access-control-max-age': '600',
    vary: 'access-control-request-method, access-control-request-headers',
  })
  res.end()
}
