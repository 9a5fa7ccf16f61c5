import { continueOnLength } from '@typewriter-chat/core'
import type { ChatCompletionChunk, ChatRequest } from '@typewriter-chat/core'
import type { RelayContext } from './relay-context.js'
import { streamUpstream } from './stream-upstream.js'

/** The watchdogs and size bound of every upstream call of `relay`. */
export function upstreamBounds(relay: RelayContext) {
  const { firstByteMs, idleMs } = relay.config.timeouts
  return { firstByteMs, idleMs, maxJsonBytes: relay.config.limits.maxReplyBytes }
}

/** Options of {@link openChunkSource}. */
export interface ChunkSourceOptions {
  /** Continue replies cut by the token limit (capped by the relay's `maxContinuations`). */
  continuation: boolean
  signal: AbortSignal
  /** Called when the upstream accepted the first request: the moment to open the SSE response. */
  onAccepted?: () => void
}

/**
 * The chunks of one reply from the upstream. With continuation, a reply that ends with
 * `finish_reason: "length"` is asked for again and stitched by the core into one stream, so every
 * client of the relay gets the whole answer without knowing about rounds.
 */
export function openChunkSource(
  relay: RelayContext,
  request: ChatRequest,
  options: ChunkSourceOptions,
): AsyncIterable<ChatCompletionChunk> {
  const send = (round: ChatRequest, signal?: AbortSignal): AsyncIterable<ChatCompletionChunk> =>
    streamUpstream(relay.client, round, {
      signal: signal ?? options.signal,
      ...upstreamBounds(relay),
      ...(options.onAccepted !== undefined && { onAccepted: options.onAccepted }),
    })
  const { enabled, maxContinuations } = relay.config.continuation
  if (!options.continuation || !enabled || maxContinuations === 0) return send(request)
  const { admitRound } = relay
  let rounds = 0
  let refused = false
  // Each continuation round is charged like a request; once one is refused, the reply ends cut.
  const sendRound = async (
    round: ChatRequest,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<ChatCompletionChunk>> => {
    if (rounds++ > 0 && admitRound !== undefined && (refused || !(await admitRound()))) {
      refused = true
      return cutRound()
    }
    return send(round, signal)
  }
  return continueOnLength({ request, send: sendRound, maxContinuations, signal: options.signal })
}

/**
 * A continuation round the relay refused to send: it ends cut, as the round before it did, so the
 * core stitches it like a round the model cut at once (its identity becomes the first round's).
 */
async function* cutRound(): AsyncGenerator<ChatCompletionChunk> {
  yield {
    id: '',
    object: 'chat.completion.chunk',
    created: 0,
    model: '',
    choices: [{ index: 0, delta: {}, finish_reason: 'length' }],
  }
}
