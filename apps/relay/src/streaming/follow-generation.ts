import type { Response } from 'express'
import { requestLog } from '../log/request-log.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { RelayError } from '../http/relay-error.js'
import { shuttingDown } from './generation.js'
import type { FollowedStream } from './shared-streams.js'
import { SSEWriter } from './sse-writer.js'

/**
 * Streams `generation` to `res` as `text/event-stream`: every event after id `after` (0: from the
 * start), then the live ones, until the generation's last event, each with its log id as `id:`.
 *
 * The subscriber reads the log at its own pace, one drain wait at a time: a slow client costs the
 * relay nothing but its place in the log, which the generation bounds. A client that takes no byte
 * for `clientStallMs` loses its connection (a hang-up like any other: the resume grace applies). A
 * shutdown does not wait for a slow client: its `server_shutting_down` event is written at once.
 * A log that cannot be read to its end (`stream_interrupted`) ends the response with that error.
 */
export async function followGeneration(
  relay: RelayContext,
  generation: FollowedStream,
  res: Response,
  after: number,
): Promise<void> {
  const { config } = relay
  const writer = new SSEWriter(res, relay.heartbeat, config.clientStallMs)
  const gone = new AbortController()
  const onClose = (): void => gone.abort()
  res.once('close', onClose)
  let onShutdown = (): void => {}
  const shutdown = new Promise<'shutdown'>((resolve) => (onShutdown = () => resolve('shutdown')))
  config.signal?.addEventListener('abort', onShutdown, { once: true })
  writer.open()
  generation.subscribe()
  try {
    for await (const event of generation.read(after, gone.signal)) {
      if (writer.send(event.data, event.id)) continue
      const outcome = await Promise.race([writer.drained(), shutdown])
      if (outcome === 'closed') break
      if (outcome === 'shutdown') {
        // Said now, ahead of the events this client has not taken: nothing will resume them here.
        writer.send(JSON.stringify(shuttingDown().toJSON()))
        break
      }
      if (outcome === 'stalled') {
        requestLog(res).errorCode = 'client_stalled'
        // Not even the end of the response would reach a client that takes nothing.
        writer.destroy()
        break
      }
    }
  } catch (error) {
    // The generation's own failures are events of its log; this is the log itself failing (the
    // instance running the generation is gone), said in-band like them, without an id of the log.
    if (!(error instanceof RelayError)) throw error
    requestLog(res).errorCode = error.code
    writer.send(JSON.stringify(error.toJSON()))
  } finally {
    res.off('close', onClose)
    config.signal?.removeEventListener('abort', onShutdown)
    generation.unsubscribe()
    writer.end()
  }
}
