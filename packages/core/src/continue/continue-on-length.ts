import type { ChatRequest } from '../chat/types.js'
import { abortError } from '../errors/abort-error.js'
import { createAbortRace } from './abort.js'
import {
  buildContinuationRequest,
  DEFAULT_CONTINUATION_INSTRUCTION,
} from './continuation-request.js'
import type { ContinuationContext } from './continuation-request.js'
import type { ContinuableChunk } from './continuable-chunk.js'
import { Stitcher } from './stitcher.js'

/** Options of {@link continueOnLength}. */
export interface ContinueOnLengthOptions<C extends ContinuableChunk> {
  /** The original request. Its `messages` are never modified. */
  request: ChatRequest
  /**
   * Sends one request and returns its chunks: `parseChatChunks` over a `fetch`, or the official
   * `openai` SDK's `client.chat.completions.create({ ...request, stream: true }, { signal })`.
   * Called once per round with the signal given in `signal`.
   */
  send: (request: ChatRequest, signal?: AbortSignal) => AsyncIterable<C> | Promise<AsyncIterable<C>>
  /** How many continuation rounds may follow the original answer. Default `3`; `0` disables. */
  maxContinuations?: number
  /** The user message asking for the rest. Default {@link DEFAULT_CONTINUATION_INSTRUCTION}. */
  instruction?: string
  /** Stops at once, also in the middle of a round, and is passed to `send`. */
  signal?: AbortSignal
  /** `false` passes the first round through untouched. Default `true`. */
  enabled?: boolean
  /**
   * Builds each continuation request. The default ({@link buildContinuationRequest}) appends the
   * partial reply as an assistant message and the instruction as a user message, which works on every
   * OpenAI-compatible server. Servers with assistant-prefix completion continue more faithfully; for
   * DeepSeek (beta base URL) or Mistral, for example:
   * `({ request, partial }) => ({ ...request, messages: [...request.messages, { role: 'assistant', content: partial, prefix: true }] })`,
   * and for vLLM add `continue_final_message: true, add_generation_prompt: false` to the request.
   */
  buildRequest?: (context: ContinuationContext) => ChatRequest
}

function quietlyClose(iterator: AsyncIterator<unknown>): void {
  // Not awaited: an iterator stuck in a read may only settle when its request is torn down.
  if (iterator.return) Promise.resolve(iterator.return()).catch(() => {})
}

/**
 * Continues a reply cut off by the token limit (`finish_reason: "length"`), at the chunk level, and
 * streams all rounds as one completion.
 *
 * Chunks pass through untouched until choice 0 finishes with `length`. That `finish_reason` is then
 * dropped and a new request is sent: the original messages, plus the reply so far as an
 * `{ role: 'assistant' }` message, plus `{ role: 'user', content: instruction }`. The new round
 * streams as the continuation of the same reply:
 * - its first emitted chunk carries `continuation: { round }` (1, 2, ...);
 * - `id`, `created` and `model` are those of the first round;
 * - the seam is clean: text the model repeats at the start of the round is removed, and a code
 *   block left open stays open (a re-opening fence is removed). To decide, the start of each round
 *   is held back until it cannot be a repeat any more (at most a few hundred characters);
 * - reasoning, refusal and other deltas pass through;
 * - usage of all rounds is summed (prompt, completion, total and details) into one usage chunk at
 *   the end, when the first round reported usage.
 *
 * At most `maxContinuations` rounds follow; if the last one ends with `length` too, that
 * `finish_reason` is passed through. No continuation is made when the request asks for several
 * choices (`n > 1`: the chunks pass through as they are), when the reply has tool calls, or when no
 * text was produced yet (a reasoning model that spent the limit thinking would only spend it again).
 *
 * Aborting `signal` stops at once with `ChatStreamError('aborted')`. An error in a later round is
 * thrown after the text that arrived before it.
 *
 * @example
 * ```ts
 * const chunks = continueOnLength({
 *   request,
 *   signal,
 *   send: (request, signal) => openai.chat.completions.create({ ...request, stream: true }, { signal }),
 * })
 * for await (const chunk of chunks) res.write(encodeSSE({ data: JSON.stringify(chunk) }))
 * ```
 */
export async function* continueOnLength<C extends ContinuableChunk>(
  options: ContinueOnLengthOptions<C>,
): AsyncGenerator<C, void, undefined> {
  const { request, send, signal } = options
  const maxContinuations = options.maxContinuations ?? 3
  if (!Number.isInteger(maxContinuations) || maxContinuations < 0) {
    throw new RangeError(`maxContinuations must be a non-negative integer, got ${maxContinuations}`)
  }
  const instruction = options.instruction ?? DEFAULT_CONTINUATION_INSTRUCTION
  const buildRequest = options.buildRequest ?? buildContinuationRequest
  const n = request.n
  const stitcher =
    options.enabled === false || maxContinuations === 0 || (n != null && n !== 1)
      ? undefined
      : new Stitcher<C>(maxContinuations)
  const race = createAbortRace(signal)
  let roundRequest = request
  try {
    for (;;) {
      const source = await race.race(Promise.resolve(send(roundRequest, signal)))
      const iterator = source[Symbol.asyncIterator]()
      let ended = false
      try {
        for (;;) {
          const result = await race.race(iterator.next())
          if (result.done) break
          const chunk = stitcher ? stitcher.accept(result.value) : result.value
          if (chunk !== undefined) yield chunk
        }
        ended = true
      } catch (error) {
        if (signal?.aborted) throw abortError(signal)
        // What the failed round said before the error is part of the reply: hand it over first.
        const held = stitcher?.endRound()
        if (held !== undefined) yield held
        throw error
      } finally {
        if (!ended) quietlyClose(iterator)
      }
      if (stitcher === undefined) return
      const held = stitcher.endRound()
      if (held !== undefined) yield held
      if (!stitcher.shouldContinue) break
      stitcher.startRound()
      roundRequest = buildRequest({
        request,
        partial: stitcher.text,
        instruction,
        round: stitcher.round,
      })
    }
    const usage = stitcher.finalUsage()
    if (usage !== undefined) yield usage
  } catch (error) {
    // The SDK's own abort error (or fetch's) becomes ours, so callers see one kind of abort.
    if (signal?.aborted) throw abortError(signal)
    throw error
  } finally {
    race.dispose()
  }
}
