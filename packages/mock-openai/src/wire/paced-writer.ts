import type { ServerResponse } from 'node:http'
import type { Frame } from './stream-frames.js'

/** How a paced write ended: all frames sent, hung up on purpose, or the client went away. */
export type PacedOutcome = 'completed' | 'dropped' | 'aborted'

/** What the caller learns while frames go out. */
export interface PacedHooks {
  /** A frame that completes an event was handed to the socket. */
  onEvent?(): void
  /** The writer is about to destroy the socket on purpose (a scripted drop). */
  beforeDrop?(): void
}

/**
 * Writes `frames` to `res` on their schedule, then ends it. Due times are measured from one start
 * instant, so timer lateness never accumulates into a slower stream; a gate moves that instant on by
 * the time it stayed closed, so the frames after it keep their spacing. Honours back-pressure (waits
 * for `drain` instead of buffering) and, when the client goes away, stops at once: the pending timer
 * and listeners are removed, so an abandoned reply costs nothing afterwards.
 */
export function writePaced(
  res: ServerResponse,
  frames: Iterator<Frame>,
  hooks: PacedHooks = {},
): Promise<PacedOutcome> {
  return new Promise((resolve) => {
    let start = performance.now()
    let timer: NodeJS.Timeout | undefined
    // The iterator cannot be rewound, so a frame that is not due yet waits here for its timer.
    let held: Frame | undefined
    let pendingWrites = 0
    let dropWhenFlushed = false
    let settled = false

    const settle = (outcome: PacedOutcome): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      res.off('drain', pump)
      res.off('close', onClose)
      resolve(outcome)
    }
    const onClose = (): void => settle('aborted')
    const hangUp = (): void => {
      // Destroying the socket (not ending the response) is what a network drop looks like.
      hooks.beforeDrop?.()
      res.destroy()
      settle('dropped')
    }
    const onFlushed = (): void => {
      pendingWrites--
      if (dropWhenFlushed && pendingWrites === 0) hangUp()
    }

    function pump(): void {
      timer = undefined
      while (!settled) {
        const frame = held ?? nextFrame()
        held = undefined
        if (frame === undefined) {
          res.end()
          settle('completed')
          return
        }
        const wait = start + frame.at - performance.now()
        if (wait > 1) {
          held = frame
          timer = setTimeout(pump, wait)
          return
        }
        if ('gate' in frame) {
          passGate(frame.gate)
          return
        }
        if ('drop' in frame) {
          // Let the tokens already written reach the client first, so it sees exactly N of them.
          if (pendingWrites === 0) hangUp()
          else dropWhenFlushed = true
          return
        }
        pendingWrites++
        const flowing = res.write(frame.data, onFlushed)
        if (frame.event === true) hooks.onEvent?.()
        if (!flowing) {
          res.once('drain', pump)
          return
        }
      }
    }

    function passGate(gate: () => void | PromiseLike<void>): void {
      const closedAt = performance.now()
      new Promise<void>((open) => open(gate())).then(
        () => {
          if (settled) return
          start += performance.now() - closedAt
          pump()
        },
        () => {
          if (!settled) hangUp()
        },
      )
    }

    function nextFrame(): Frame | undefined {
      const next = frames.next()
      return next.done === true ? undefined : next.value
    }

    // The client may have left while the request body was still being read.
    if (res.destroyed) return resolve('aborted')
    res.on('close', onClose)
    pump()
  })
}
