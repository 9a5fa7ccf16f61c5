import type { ChatReply } from './chat-reply.js'
import {
  deltaChunk,
  errorEvent,
  finishChunk,
  roleChunk,
  sseData,
  usageChunk,
  type ReplyIdentity,
} from './chunk-writer.js'

/**
 * Something to do at `at` milliseconds after the headers went out: write bytes, hang up, or wait for
 * a gate to open (the timeline resumes from then). `event` marks the write that completes one SSE
 * event (or raw piece): what `chunksWritten` counts.
 */
export type Frame =
  | { at: number; data: string | Uint8Array; event?: boolean }
  | { at: number; drop: true }
  | { at: number; gate: () => void | PromiseLike<void> }

/**
 * The timeline of a streamed reply, produced lazily so a 20 KB answer never sits in memory as
 * thousands of serialised chunks. Step `s` is due at `firstChunkDelayMs + s * stepMs`; the finish
 * chunks one step after the last delta (the model still has to produce its end-of-sequence token),
 * then usage and `[DONE]` at once. Each choice opens with a role-only chunk, as OpenAI's do.
 */
export function* streamFrames(reply: ChatReply, identity: ReplyIdentity): Generator<Frame> {
  const at = (step: number): number => reply.firstChunkDelayMs + step * reply.stepMs
  const event = (time: number, data: string): Frame => ({ at: time, data, event: true })
  // A choice whose first scripted delta already names the role gets no role chunk of its own.
  const firstHasRole = new Map<number, boolean>()
  for (const { delta } of reply.deltas) {
    const index = delta.index ?? 0
    if (!firstHasRole.has(index)) firstHasRole.set(index, delta.role !== undefined)
  }
  for (let index = 0; index < reply.choices; index++) {
    if (firstHasRole.get(index) !== true) yield event(at(0), roleChunk(identity, index))
  }

  const finished = new Set<number>()
  const { deltas, dropAfter, endAfter, errorAfter } = reply
  for (let i = 0; i <= deltas.length; i++) {
    const next = deltas[i]
    const time = at(next?.step ?? (deltas.at(-1)?.step ?? -1) + 1)
    const { beforeChunk } = reply
    if (beforeChunk !== undefined) yield { at: time, gate: () => beforeChunk(i) }
    // A drop or cut beyond the last delta still loses the ending: no finish, no usage, no [DONE].
    const cutHere = (after: number | undefined): boolean =>
      after !== undefined && i === Math.min(after, deltas.length)
    if (cutHere(dropAfter)) {
      yield { at: time, drop: true }
      return
    }
    if (cutHere(endAfter)) return
    if (errorAfter !== undefined && cutHere(errorAfter.chunks)) {
      yield event(time, errorEvent(errorAfter.error))
      return
    }
    if (next === undefined) {
      yield* ending(reply, identity, finished, (data) => event(time, data))
      return
    }
    if (next.delta.finish_reason !== undefined) finished.add(next.delta.index ?? 0)
    yield event(time, deltaChunk(identity, next.delta))
  }
}

function* ending(
  reply: ChatReply,
  identity: ReplyIdentity,
  finished: ReadonlySet<number>,
  event: (data: string) => Frame,
): Generator<Frame> {
  for (let index = 0; index < reply.choices; index++) {
    const reason = reply.finishReasons[index] ?? null
    if (!finished.has(index) && reason !== null) yield event(finishChunk(identity, index, reason))
  }
  if (reply.includeUsage) yield event(usageChunk(identity, reply.usage))
  if (reply.done) yield event(sseData('[DONE]'))
}
