import { shallowRef } from 'vue'
import type { ShallowRef } from 'vue'
import type { StreamRecord, StreamSink } from './stream-record.js'

type Kind<K extends StreamRecord['kind']> = StreamRecord & { kind: K }

/** What the inspector shows of the last request: its newest records and a tally of the rest. */
export interface StreamLogView {
  /** The newest records, oldest first: at most the log's `keep`. */
  readonly recent: readonly StreamRecord[]
  /** How many older records came before `recent` (counted, not kept). */
  readonly earlier: number
  readonly events: number
  readonly comments: number
  readonly request?: Kind<'request'>
  readonly response?: Kind<'response'>
  readonly end?: Kind<'end'>
}

/** The raw stream of the last request, for the inspector. */
export interface StreamLog {
  /** A new view on every update. */
  view: Readonly<ShallowRef<StreamLogView>>
  /** Pass to `createInspectingFetch`. */
  sink: StreamSink
  clear(): void
}

/** The view without its records: what is counted as records arrive. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Tally = Mutable<Omit<StreamLogView, 'recent'>>

const NO_TALLY: Tally = { earlier: 0, events: 0, comments: 0 }

/**
 * Collects records and publishes them at most every `intervalMs`: a fast reply brings hundreds of
 * events a second, and rendering each one would take the main thread from the chat's typewriter.
 * A timer rather than `requestAnimationFrame`, so a hidden tab still catches up.
 *
 * Only the newest `keep` records are kept (the rest are counted): a long reply is tens of thousands
 * of events, some 10 MB of strings that every garbage collection of the page would walk through
 * for rows nobody sees. 24 rows fill the panel with a few to spare; at 200 events a second each
 * update brings about 40, and with 60 kept, building and laying out 40 rows per update were the
 * demo's longest tasks.
 */
export function useStreamLog(intervalMs = 200, keep = 24): StreamLog {
  const view = shallowRef<StreamLogView>({ ...NO_TALLY, recent: [] })
  let tally: Tally = { ...NO_TALLY }
  let recent: StreamRecord[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  /** Lets go of all but the newest `keep` records, counting them. */
  const dropOld = (): void => {
    const dropped = recent.length - keep
    if (dropped <= 0) return
    tally.earlier += dropped
    recent = recent.slice(dropped)
  }
  const publish = (): void => {
    clearTimeout(timer)
    timer = undefined
    dropOld()
    // A copy: `recent` keeps growing until the next update.
    view.value = { ...tally, recent: recent.slice() }
  }
  const sink: StreamSink = (record) => {
    if (record.kind === 'request') {
      // A new request replaces the last one's log at once, so a new reply never shows old events.
      tally = { ...NO_TALLY, request: record }
      recent = [record]
      publish()
      return
    }
    if (record.kind === 'event') tally.events += 1
    else if (record.kind === 'comment') tally.comments += 1
    else if (record.kind === 'response') tally.response = record
    else if (record.kind === 'end') tally.end = record
    recent.push(record)
    // Between updates only the newest `keep` can still be shown; trimmed in batches.
    if (recent.length > 2 * keep) dropOld()
    timer ??= setTimeout(publish, intervalMs)
  }
  return {
    view,
    sink,
    clear() {
      tally = { ...NO_TALLY }
      recent = []
      publish()
    },
  }
}
