import { shallowRef } from 'vue'
import type { ShallowRef } from 'vue'
import type { StreamRecord, StreamSink } from './stream-record.js'

/** The raw stream of the last request, for the inspector. */
export interface StreamLog {
  /** The records of the last request, oldest first; a new array on every update. */
  records: Readonly<ShallowRef<readonly StreamRecord[]>>
  /** Pass to `createInspectingFetch`. */
  sink: StreamSink
  clear(): void
}

/**
 * Collects records and publishes them at most every `intervalMs`: a fast reply brings hundreds of
 * events a second, and rendering each one would take the main thread from the chat's typewriter.
 * A timer rather than `requestAnimationFrame`, so a hidden tab still catches up.
 */
export function useStreamLog(intervalMs = 200): StreamLog {
  const records = shallowRef<readonly StreamRecord[]>([])
  let collected: StreamRecord[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const publish = (): void => {
    clearTimeout(timer)
    timer = undefined
    records.value = collected.slice()
  }
  const sink: StreamSink = (record) => {
    if (record.kind === 'request') {
      // A new request replaces the last one's log at once, so a new reply never shows old events.
      collected = [record]
      publish()
      return
    }
    collected.push(record)
    timer ??= setTimeout(publish, intervalMs)
  }
  return {
    records,
    sink,
    clear() {
      collected = []
      publish()
    },
  }
}
