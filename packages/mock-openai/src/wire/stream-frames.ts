import type { MockDelta, MockErrorObject } from '../script/mock-plan.js'
import type { ChatReply } from './chat-reply.js'

/**
 * Something to do at `at` milliseconds after the headers went out: write bytes, hang up, or wait for
 * a gate to open (the timeline resumes from then). `event` marks the write that completes one SSE
 * event (or raw piece): what `chunksWritten` counts.
 */
export type Frame =
  | { at: number; data: string | Uint8Array; event?: boolean }
  | { at: number; drop: true }
  | { at: number; gate: () => void | PromiseLike<void> }

/** How one API writes a reply's events: chat completion chunks, or Responses API events. */
export interface ReplyEncoder {
  /** The events before the first delta. */
  opening(): string[]
  /** The events one delta becomes. */
  delta(delta: MockDelta): string[]
  /** The in-band error event a stream ends with when the server fails after the headers. */
  error(error: MockErrorObject): string
  /** The events after the last delta: finishes, usage, the end marker. */
  ending(): string[]
}

/**
 * The timeline of a streamed reply, produced lazily so a 20 KB answer never sits in memory as
 * thousands of serialised events. Step `s` is due at `firstChunkDelayMs + s * stepMs`; the ending
 * one step after the last delta (the model still has to produce its end-of-sequence token).
 * Misbehaviour (`dropAfter`, `endAfter`, `errorAfter`) counts deltas, whatever the encoder makes
 * of them.
 */
export function* streamFrames(reply: ChatReply, encoder: ReplyEncoder): Generator<Frame> {
  const at = (step: number): number => reply.firstChunkDelayMs + step * reply.stepMs
  const events = (time: number, data: readonly string[]): Frame[] =>
    data.map((event) => ({ at: time, data: event, event: true }))
  yield* events(at(0), encoder.opening())

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
      yield* events(time, [encoder.error(errorAfter.error)])
      return
    }
    if (next === undefined) {
      yield* events(time, encoder.ending())
      return
    }
    yield* events(time, encoder.delta(next.delta))
  }
}
