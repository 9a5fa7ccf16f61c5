import { composeAnswer, composeReasoning } from './answers.js'
import type { ChatMessage, ChatRequest } from './chat-request.js'
import { continuationCandidates, lastUserText } from './conversation.js'
import { parseDirectives, type Directives } from './directives.js'
import { errorForStatus, type MockError } from '../wire/openai-error.js'
import { hashString } from './random.js'
import { tokenize } from './tokenizer.js'

/** Everything needed to send one reply, decided before the first byte goes out. */
export interface ReplyPlan {
  model: string
  /** Tokens of the thinking phase, streamed as `reasoning_content` before the answer. */
  reasoning: string[]
  /** Tokens of the answer this round sends, already cut at the token limit. */
  content: string[]
  finishReason: 'stop' | 'length'
  promptTokens: number
  tokensPerSecond: number
  firstTokenDelayMs: number
  /** Destroy the connection after this many content tokens. */
  dropAfter?: number
  includeUsage: boolean
}

/** Models the mock lists; the second one always thinks first, like a reasoning model. */
export const MOCK_MODELS = ['mock-chat', 'mock-reasoner'] as const

/** Turns a validated request into a reply plan, or the error a `/error` directive asks for. */
export function planReply(
  request: ChatRequest,
  defaultTokensPerSecond: number,
): ReplyPlan | MockError {
  const { directives: round, text: question } = parseDirectives(lastUserText(request.messages))
  if (round.error) return errorForStatus(round.error.status, round.error.message)

  const continued = findContinuation(request.messages)
  const answer = continued ?? { ...answerTo(request.messages), offset: 0 }
  const tokens = tokenize(answer.text.slice(answer.offset))
  // `/length` governs only the first round; otherwise every continuation would be cut again, forever.
  const limit = Math.min(
    continued ? Infinity : (round.length ?? Infinity),
    request.maxTokens ?? Infinity,
  )
  const thinks = !continued && (round.reasoning === true || request.model === MOCK_MODELS[1])
  return {
    model: request.model,
    reasoning: thinks ? tokenize(composeReasoning(question, answer.seed)) : [],
    content: tokens.slice(0, limit),
    finishReason: tokens.length > limit ? 'length' : 'stop',
    promptTokens: countPromptTokens(request.messages),
    tokensPerSecond: round.tps ?? answer.directives.tps ?? defaultTokensPerSecond,
    firstTokenDelayMs: round.slow ?? 0,
    ...(round.drop !== undefined && { dropAfter: round.drop }),
    includeUsage: request.includeUsage,
  }
}

interface Answer {
  text: string
  seed: number
  /** Directives of the question: `/long` and `/tps` still apply when the answer is continued. */
  directives: Directives
}

/**
 * The answer to a conversation. The seed covers the whole conversation with the question's
 * directives removed, so `/length 40 Explain X` is exactly a prefix of the answer to `Explain X`.
 */
function answerTo(messages: readonly ChatMessage[]): Answer {
  const { text: question, directives } = parseDirectives(lastUserText(messages))
  const lastUser = messages.findLastIndex((message) => message.role === 'user')
  const seedText = messages
    .map((message, i) => `${message.role}:${i === lastUser ? question : message.content}`)
    .join('\n')
  const seed = hashString(`${seedText}\n${directives.long ? 'long' : ''}`)
  return {
    text: composeAnswer({ question, seed, long: directives.long === true }),
    seed,
    directives,
  }
}

function findContinuation(
  messages: readonly ChatMessage[],
): (Answer & { offset: number }) | undefined {
  for (const { question, partial } of continuationCandidates(messages)) {
    const answer = answerTo(question)
    if (partial.length < answer.text.length && answer.text.startsWith(partial)) {
      return { ...answer, offset: partial.length }
    }
  }
  return undefined
}

/** Roughly what OpenAI bills: the tokens of every message plus a few per message for the framing. */
function countPromptTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + 4 + tokenize(message.content).length, 3)
}
