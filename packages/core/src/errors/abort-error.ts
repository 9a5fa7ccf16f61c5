import { ChatStreamError } from './chat-stream-error.js'

/** The error a reader throws once its signal fired: `aborted`, the signal's reason as `cause`. @internal */
export function abortError(signal: AbortSignal): ChatStreamError {
  return new ChatStreamError('aborted', 'The chat stream was aborted.', { cause: signal.reason })
}

/**
 * A promise that rejects with {@link abortError} when the signal fires, for racing against a read
 * that may never settle. Its rejection is handled here: the signal may fire while nobody races it.
 * @internal
 */
export function whenAborted(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let dispose = (): void => {}
  const promise = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(abortError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    dispose = () => signal.removeEventListener('abort', onAbort)
  })
  promise.catch(() => {})
  return { promise, dispose }
}
