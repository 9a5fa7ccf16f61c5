import type { IncomingMessage, ServerResponse } from 'node:http'
import { DEFAULT_TOKENS_PER_SECOND, type MockOpenAIOptions } from '../mock-openai-options.js'
import { errorForStatus, sendError } from '../wire/openai-error.js'
import { allowAnyOrigin } from './cors.js'
import { createRecorder, withControl, type MockControl } from './mock-control.js'
import { recordExchange } from './mock-request.js'
import { readBody, recordedBody } from './read-body.js'
import { routeRequest } from './route-request.js'

/** The mock as a plain `node:http` request handler, with its recording and scripting surface. */
export interface MockOpenAIHandler extends MockControl {
  (req: IncomingMessage, res: ServerResponse): void
  /** Ends every response still open (timers cleared, sockets destroyed). */
  closeAll(): void
}

/**
 * The fake OpenAI server as a request handler, to mount inside another server. Every request is
 * recorded (preflights included); chat requests follow the scripted plan when there is one, else
 * the mock model answers.
 */
export function createMockOpenAIHandler(options: MockOpenAIOptions = {}): MockOpenAIHandler {
  const tokensPerSecond = options.tokensPerSecond ?? DEFAULT_TOKENS_PER_SECOND
  if (!(tokensPerSecond > 0)) {
    throw new RangeError(`tokensPerSecond must be positive, got ${tokensPerSecond}`)
  }
  const clock = options.clock ?? (() => performance.now())
  const recorder = createRecorder(options.script)
  const open = new Map<ServerResponse, () => void>()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { record, markDroppedByMock } = recordExchange(req, res, clock)
    open.set(res, markDroppedByMock)
    res.once('close', () => open.delete(res))
    allowAnyOrigin(res)
    const body = await readBody(req)
    record.body = recordedBody(body)
    recorder.add(record)
    await routeRequest(req, res, {
      body,
      tokensPerSecond,
      planFor: () => recorder.planFor(record),
      modelsPlan: recorder.modelsPlan,
      hooks: { onEvent: () => record.chunksWritten++, beforeDrop: markDroppedByMock },
    })
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      // A bug in the mock (or in a script) must not take the process that embeds it down.
      if (!res.headersSent) sendError(res, errorForStatus(500))
      else res.destroy()
    })
  }
  const closeAll = (): void => {
    for (const [res, markDroppedByMock] of open) {
      markDroppedByMock()
      res.destroy()
    }
  }
  return withControl(Object.assign(handler, { closeAll }), recorder)
}
