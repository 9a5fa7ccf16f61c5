import type { ChatMessage } from './chat-request.js'

/** A reading of the messages as "continue this reply": the conversation it answered and what was sent. */
export interface ContinuationCandidate {
  /** The conversation the partial reply answers. */
  question: ChatMessage[]
  /** The reply text the client already has. */
  partial: string
}

// The relay's continuation instruction; any user message saying "continue" right after a reply counts.
const CONTINUE = /continue/i

/**
 * The ways the messages can be read as a continuation, longest first: a relay continuing a reply
 * several times sends `[..., question, part 1, "continue", part 2, "continue"]`, so trailing
 * (assistant, "continue") pairs are peeled off and their texts joined. The caller keeps the first
 * candidate whose partial is really a prefix of its answer; none at all means a fresh question.
 */
export function continuationCandidates(messages: readonly ChatMessage[]): ContinuationCandidate[] {
  const pairStarts: number[] = []
  let end = messages.length
  while (
    end >= 2 &&
    isContinueRequest(messages[end - 1]) &&
    messages[end - 2]?.role === 'assistant'
  ) {
    end -= 2
    pairStarts.push(end)
  }
  return pairStarts.reverse().map((start) => ({
    question: messages.slice(0, start),
    partial: messages
      .slice(start)
      .filter((message) => message.role === 'assistant')
      .map((message) => message.content)
      .join(''),
  }))
}

function isContinueRequest(message: ChatMessage | undefined): boolean {
  return message?.role === 'user' && CONTINUE.test(message.content)
}

/** The last user message's text: where the question and the directives are. */
export function lastUserText(messages: readonly ChatMessage[]): string {
  return messages.findLast((message) => message.role === 'user')?.content ?? ''
}
