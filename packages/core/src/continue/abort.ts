import { ChatStreamError } from '../errors/chat-stream-error.js'

/** The error an aborted continuation throws, like `parseChatChunks` does. @internal */
export function abortError(signal: AbortSignal): ChatStreamError {
  return new ChatStreamError('aborted', 'The chat stream was aborted.', { cause: signal.reason })
}

/** Races promises against a signal, so a round that ignores the signal still stops at once. @internal */
export interface AbortRace {
  race<T>(promise: Promise<T>): Promise<T>
  dispose(): void
}

/** Creates an {@link AbortRace}; without a signal it races nothing. @internal */
export function createAbortRace(signal: AbortSignal | undefined): AbortRace {
  if (signal === undefined) return { race: (promise) => promise, dispose: () => {} }
  let onAbort = (): void => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
  })
  // Handled here: the signal may fire while nobody is racing it.
  aborted.catch(() => {})
  return {
    async race(promise) {
      if (signal.aborted) throw abortError(signal)
      const value = await Promise.race([aborted, promise])
      if (signal.aborted) throw abortError(signal)
      return value
    },
    dispose: () => signal.removeEventListener('abort', onAbort),
  }
}
