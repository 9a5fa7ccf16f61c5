import type { Response } from 'express'

/**
 * An AbortSignal that fires the moment the client goes away. It watches the RESPONSE's `close`: for a
 * POST, the request's `close` already fires once its body has been read, long before the reply ends,
 * so listening there cancels too early or, with a guard, never (better-sse #116).
 */
export function abortOnClientClose(res: Response): AbortController {
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('The client closed the connection.'))
  })
  return controller
}
