import { computed, shallowRef } from 'vue'
import type { AttachmentError } from '../attachments/attachment-error.js'
import type { AttachmentOptions } from '../attachments/attachment-limits.js'
import type { ChatAttachment } from '../attachments/chat-attachment.js'
import { prepareAttachments } from '../attachments/prepare-attachments.js'

/**
 * The files of the message being written: added (picked, pasted, dropped) one batch at a time so each
 * batch is checked against the ones before it, removed one by one, and taken when the message is
 * sent. `refused` says why the last batch's other files were not attached.
 */
export function useAttachmentDrafts(limits: () => AttachmentOptions) {
  const attached = shallowRef<ChatAttachment[]>([])
  const refused = shallowRef<AttachmentError[]>([])
  const preparing = shallowRef(0)
  let queue = Promise.resolve()

  function add(files: readonly File[]): Promise<void> {
    if (files.length === 0) return queue
    preparing.value += 1
    queue = queue.then(async () => {
      try {
        const result = await prepareAttachments(files, {
          attached: attached.value,
          limits: limits(),
        })
        attached.value = [...attached.value, ...result.attachments]
        refused.value = result.refused
      } catch (error) {
        console.error(error)
      } finally {
        preparing.value -= 1
      }
    })
    return queue
  }

  function remove(index: number): void {
    attached.value = attached.value.filter((_, i) => i !== index)
    refused.value = []
  }

  /** The attachments to send with the message; the list starts empty again. */
  function take(): ChatAttachment[] {
    const taken = attached.value
    attached.value = []
    refused.value = []
    return taken
  }

  return {
    attached,
    refused,
    /** True while a batch is read: the message waits for it. */
    preparing: computed(() => preparing.value > 0),
    add,
    remove,
    take,
  }
}
