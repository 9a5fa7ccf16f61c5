import { readChatChunks } from '../chat/parse-chat-chunks.js'
import { toChatEvents } from '../chat/index.js'
import type { ChatRequest, ChatStreamEvent } from '../chat/types.js'
import { continueOnLength } from '../continue/index.js'
import type { OpenRound, RoundContext } from './open-round.js'
import { openRound } from './open-round.js'
import { reconnectFor } from './resume-stream.js'

/**
 * The events of `streamChat`'s client-side continuation: `first` as round one, then further rounds
 * opened with the same context, each resumed on its own after a drop where its server allows.
 * Loaded with `import()` by `streamChat`, because continuation (the stitcher, seam detection, usage
 * summing) is over a third of `streamChat`'s bundle and is off by default: the relay continues on
 * the server.
 * @internal
 */
export function continuedRounds(
  request: ChatRequest,
  first: Promise<OpenRound>,
  context: RoundContext,
  settings: { maxContinuations?: number; instruction?: string },
): AsyncIterable<ChatStreamEvent> {
  const { signal } = context
  let rounds = 0
  return toChatEvents(
    continueOnLength({
      ...settings,
      request,
      signal,
      send: async (roundRequest) => {
        const round = await (rounds++ === 0 ? first : openRound(roundRequest, context))
        return readChatChunks(round.body, { signal, reconnect: reconnectFor(round, context) })
      },
    }),
  )
}
