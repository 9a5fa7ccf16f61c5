import type { EventLog, StreamEvent } from './event-log.js'

/**
 * What a response follows: a generation of this relay, or one that another instance runs. Reading
 * may fail with a `RelayError` (`stream_interrupted`: the instance running it is gone).
 */
export interface FollowedStream {
  readonly id: string
  /** The events after id `after`, then the live ones, to the end (or until `signal` aborts). */
  read(after: number, signal: AbortSignal): AsyncIterable<StreamEvent>
  /** A response follows: while any does, the generation is not given up. */
  subscribe(): void
  /** That response stopped following. */
  unsubscribe(): void
}

/**
 * Generations shared between relay instances, so that a reply started on one instance can be
 * resumed and stopped on any other (implemented over Redis). Without it, each relay's
 * generations are its own.
 */
export interface SharedStreams {
  /** The log of a generation starting on this instance, readable from every instance. */
  createLog(id: string): EventLog
  /** Calls `onStop` when another instance stops generation `id`; returns the unlisten function. */
  listenForStop(id: string, onStop: () => void): () => void
  /** Whether a response on another instance follows generation `id` (asked when its grace ends). */
  followedElsewhere(id: string): Promise<boolean>
  /** Generation `id` as another instance runs (or ran) it; `undefined` when it is unknown. */
  find(id: string): Promise<FollowedStream | undefined>
  /** Asks the instance running generation `id` to stop it; false when it is unknown. */
  stop(id: string): Promise<boolean>
  /** Leaves: the instance's lease ends and its connections close. */
  close(): Promise<void>
}
