import { createTypewriter } from '@typewriter-chat/core'
import type { TypewriterClock } from '@typewriter-chat/core'

/** Typewriter settings of `useChat`; `false` shows text as it arrives, at most once a frame. */
export type TypewriterSetting = false | { charsPerSecond?: number; maxLagMs?: number }

/** Paces the content of one reply; a thin layer over the core typewriter. */
export interface TextPacer {
  push(text: string): void
  /** Resolves once everything received is visible, or when the pacer is stopped or disposed. */
  finish(): Promise<void>
  /** Freezes the visible text at once. */
  stop(): void
  /** Shows everything received at once. */
  reveal(): void
  readonly visible: string
  readonly received: string
  dispose(): void
}

/**
 * Creates the pacer for one reply. `shown` is text already visible (a continued reply starts from
 * it), `hidden` text already received but never shown (a reply stopped while the typewriter was
 * behind): it is typed out first.
 */
export function createTextPacer(options: {
  setting: TypewriterSetting
  clock: TypewriterClock | undefined
  shown: string
  hidden: string
  onUpdate: (visible: string) => void
}): TextPacer {
  const { setting, onUpdate } = options
  let drained: (() => void) | undefined
  // Off still goes through the typewriter, unanimated: what arrives within one frame is shown in
  // that frame at once, rather than re-rendering the reply for every event of a fast stream.
  const typewriter = createTypewriter({
    ...(setting === false ? { enabled: false } : setting),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    onUpdate(visible, state) {
      onUpdate(visible)
      if (state.done) drained?.()
    },
  })
  typewriter.push(options.shown)
  typewriter.reveal()
  typewriter.push(options.hidden)
  const settle = (): void => {
    drained?.()
    drained = undefined
  }
  return {
    push: (text) => typewriter.push(text),
    finish() {
      const done = new Promise<void>((resolve) => (drained = resolve))
      typewriter.finish()
      return done
    },
    stop() {
      typewriter.stop()
      settle()
    },
    reveal: () => typewriter.reveal(),
    get visible() {
      return typewriter.visible
    },
    get received() {
      return typewriter.received
    },
    dispose() {
      typewriter.dispose()
      settle()
    },
  }
}
