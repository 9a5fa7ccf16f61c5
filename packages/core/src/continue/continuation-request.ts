import type { ChatRequest } from '../chat/types.js'

/**
 * The user message that asks for the rest of a reply cut off by the token limit. It names the three
 * ways continuations go wrong: repeating text, adding a preamble, and reopening a code block.
 */
export const DEFAULT_CONTINUATION_INSTRUCTION =
  'Your previous reply was cut off by the length limit. Continue it exactly where it stopped, even ' +
  'in the middle of a word or a line. Do not repeat anything you already wrote and do not add any ' +
  'introduction or comment. If it stopped inside a code block, continue the code without opening a ' +
  'new code block.'

/** What a continuation request is built from. */
export interface ContinuationContext {
  /** The original request, unchanged. */
  request: ChatRequest
  /** The reply text so far, over all rounds, as the client saw it. */
  partial: string
  /** The continuation instruction. */
  instruction: string
  /** The round about to start: 1 for the first continuation. */
  round: number
}

/**
 * The default continuation request: the original messages, then the reply so far as an assistant
 * message, then the instruction as a user message. Every OpenAI-compatible server accepts it.
 * Reasoning text is not sent back (DeepSeek rejects `reasoning_content` in input messages).
 */
export function buildContinuationRequest(context: ContinuationContext): ChatRequest {
  const { request, partial, instruction } = context
  return {
    ...request,
    messages: [
      ...request.messages,
      { role: 'assistant', content: partial },
      { role: 'user', content: instruction },
    ],
  }
}
