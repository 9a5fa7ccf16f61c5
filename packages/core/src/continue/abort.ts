import { abortError, whenAborted } from '../errors/abort-error.js'

/** Races promises against a signal, so a round that ignores the signal still stops at once. @internal */
export interface AbortRace {
  race<T>(promise: Promise<T>): Promise<T>
  dispose(): void
}

/** Creates an {@link AbortRace}; without a signal it races nothing. @internal */
export function createAbortRace(signal: AbortSignal | undefined): AbortRace {
  if (signal === undefined) return { race: (promise) => promise, dispose: () => {} }
  const aborted = whenAborted(signal)
  return {
    async race(promise) {
      if (signal.aborted) throw abortError(signal)
      const value = await Promise.race([aborted.promise, promise])
      if (signal.aborted) throw abortError(signal)
      return value
    },
    dispose: aborted.dispose,
  }
}
