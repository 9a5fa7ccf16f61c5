import type { RequestHandler } from 'express'
import { RequestError } from '../http/relay-error.js'
import { followGeneration } from '../streaming/follow-generation.js'
import type { Generations } from '../streaming/generations.js'
import type { FollowedStream } from '../streaming/shared-streams.js'
import type { RelayContext } from '../upstream/relay-context.js'

function streamNotFound(): RequestError {
  return new RequestError(
    'stream_not_found',
    'No such stream: it never existed, or it ended longer ago than the relay keeps streams.',
    { status: 404 },
  )
}

async function find(generations: Generations, id: unknown): Promise<FollowedStream> {
  const generation = typeof id === 'string' ? await generations.find(id) : undefined
  if (generation === undefined) throw streamNotFound()
  return generation
}

/** The id of the last event the client has, from `Last-Event-ID` or `?lastEventId=`; 0 for none. */
function lastEventId(header: string | undefined, query: unknown): number {
  const value = header ?? (typeof query === 'string' ? query : undefined)
  if (value === undefined || value.trim() === '') return 0
  if (!/^\d{1,15}$/.test(value.trim())) {
    throw new RequestError(
      'invalid_request',
      `Last-Event-ID must be the id of an event of this stream, got "${value}".`,
      { status: 400, param: 'lastEventId' },
    )
  }
  return Number(value.trim())
}

/**
 * `GET /api/chat/streams/:id`: the generation's events after `Last-Event-ID` (header, or
 * `?lastEventId=`), or all of them without it, then the live ones to the end.
 */
export function resumeRoute(relay: RelayContext): RequestHandler {
  return async (req, res) => {
    const generation = await find(relay.generations, req.params.id)
    const after = lastEventId(req.get('last-event-id'), req.query.lastEventId)
    res.setHeader('X-Stream-Id', generation.id)
    await followGeneration(relay, generation, res, after)
  }
}

/**
 * `POST /api/chat/streams/:id/stop`: cancels the generation's upstream call and ends it for every
 * subscriber with a `stream_stopped` event. 202 for every known id, however often (a generation
 * that already ended stays as it was); 404 `stream_not_found` otherwise.
 */
export function stopRoute(relay: RelayContext): RequestHandler {
  return async (req, res) => {
    const id = req.params.id
    if (typeof id !== 'string' || !(await relay.generations.stop(id))) throw streamNotFound()
    res.status(202).json({ id, stopped: true })
  }
}
