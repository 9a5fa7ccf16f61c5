/**
 * Why conversations could not be kept. `quota_exceeded`: the browser's storage for this site is
 * full; `storage_failed`: the adapter failed otherwise; `invalid_import`: a file that is not an
 * exported conversation.
 */
export type ChatStorageErrorCode = 'quota_exceeded' | 'storage_failed' | 'invalid_import'

const marker = Symbol.for('@typewriter-chat/vue/ChatStorageError')

/** A failure to save, load or import conversations; what is on screen is kept. */
export class ChatStorageError extends Error {
  override readonly name = 'ChatStorageError'
  readonly code: ChatStorageErrorCode
  readonly [marker] = true

  constructor(code: ChatStorageErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options)
    this.code = code
  }

  /** True for a `ChatStorageError`, also from another copy of this package. */
  static isInstance(value: unknown): value is ChatStorageError {
    return typeof value === 'object' && value !== null && marker in value
  }

  /** `error` as a storage error: a full quota (`QuotaExceededError`) or any other failure. */
  static from(error: unknown): ChatStorageError {
    if (ChatStorageError.isInstance(error)) return error
    const name = (error as { name?: unknown } | null)?.name
    return name === 'QuotaExceededError'
      ? new ChatStorageError('quota_exceeded', 'The browser storage for this site is full.', {
          cause: error,
        })
      : new ChatStorageError('storage_failed', 'Saving the conversation failed.', { cause: error })
  }
}
