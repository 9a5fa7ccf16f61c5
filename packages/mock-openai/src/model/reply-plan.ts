import type { MockDelta } from '../script/mock-plan.js'
import { countUsage, type ChatReply, type StepDelta } from '../wire/chat-reply.js'
import { directiveError, type MockError } from '../wire/openai-error.js'
import { composeAnswer, composeReasoning } from './answers.js'
import type { ChatMessage, ChatRequest } from './chat-request.js'
import { continuationCandidates, lastUserText } from './conversation.js'
import { parseDirectives, type Directives } from './directives.js'
import { createRandom, hashString } from './random.js'
import { valueForSchema } from './schema-value.js'
import { tokenize } from './tokenizer.js'
import {
  answersToolResults,
  plannedCalls,
  toolResultsAnswer,
  type PlannedCall,
} from './tool-calls.js'

/** Models the mock lists; the second one always thinks first, like a reasoning model. */
export const MOCK_MODELS = ['mock-chat', 'mock-reasoner'] as const

/**
 * The mock model's reply to a validated request, or the error a `/error` directive asks for. With
 * `n > 1` every choice gets its own answer, and their tokens go out side by side, step by step.
 */
export function planReply(
  request: ChatRequest,
  defaultTokensPerSecond: number,
): ChatReply | MockError {
  const { directives: round, text: question } = parseDirectives(lastUserText(request.messages))
  if (round.error) return directiveError(round.error.status, round.error.message)

  const salt = request.seed === undefined ? '' : `\nseed ${request.seed}`
  const continued = findContinuation(request.messages, salt)
  // `/length` governs only the first round; otherwise every continuation would be cut again, forever.
  const limit = Math.min(
    continued ? Infinity : (round.length ?? Infinity),
    request.maxTokens ?? Infinity,
  )
  const thinks = !continued && (round.reasoning === true || request.model === MOCK_MODELS[1])
  const first = continued ?? { ...answerTo(request.messages, salt), offset: 0 }
  const finishReasons: ('stop' | 'length' | 'tool_calls')[] = []
  const streams: MockDelta[][] = []
  for (let index = 0; index < request.n; index++) {
    const answer =
      index === 0 ? first : { ...answerTo(request.messages, `${salt}\nchoice ${index}`), offset: 0 }
    const deltas: MockDelta[] = []
    if (thinks) {
      for (const token of tokenize(composeReasoning(question, answer.seed))) {
        deltas.push({ index, reasoning_content: token })
      }
    }
    const calls = continued
      ? []
      : plannedCalls(request, question, round.tools === true, answer.seed)
    const body = calls.length > 0 ? callDeltas(index, calls) : textDeltas(index, request, answer)
    deltas.push(...body.slice(0, limit))
    streams.push(deltas)
    finishReasons.push(body.length > limit ? 'length' : calls.length > 0 ? 'tool_calls' : 'stop')
  }
  const deltas = interleave(streams)
  return {
    model: request.model,
    choices: request.n,
    deltas,
    finishReasons,
    usage: countUsage(deltas, countPromptTokens(request.messages)),
    includeUsage: request.includeUsage,
    done: true,
    stepMs: 1000 / (round.tps ?? first.directives.tps ?? defaultTokensPerSecond),
    firstChunkDelayMs: round.slow ?? 0,
    ...(round.drop !== undefined && { dropAfter: chunksBeforeContent(deltas, round.drop) }),
  }
}

/** A text reply's deltas: the answer (from where a continuation resumes), or the JSON asked for. */
function textDeltas(index: number, request: ChatRequest, answer: Answer & { offset: number }) {
  const format = request.responseFormat
  const text =
    format.type === 'text'
      ? answer.text.slice(answer.offset)
      : JSON.stringify(
          format.type === 'json_schema'
            ? valueForSchema(format.schema, {
                question: answer.question,
                random: createRandom(answer.seed),
              })
            : { answer: firstSentence(answer.text) },
        )
  return tokenize(text).map((token): MockDelta => ({ index, content: token }))
}

/** The first sentence of an answer's prose, without markdown. */
function firstSentence(text: string): string {
  const line =
    text
      .split('\n')
      .find((candidate) => /\p{L}/u.test(candidate) && !/^\s*(#|```|\|)/.test(candidate)) ?? ''
  const plain = line.replace(/[*_`#>[\]]/g, '').trim()
  return /^.*?[.!?](?=\s|$)/.exec(plain)?.[0] ?? plain
}

/**
 * Tool calls streamed as OpenAI streams them, by index: a call's first delta names it (id, type,
 * name, empty arguments), the next ones carry its arguments a token at a time.
 */
function callDeltas(index: number, calls: readonly PlannedCall[]): MockDelta[] {
  return calls.flatMap((call, at): MockDelta[] => [
    {
      index,
      tool_calls: [
        { index: at, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
      ],
    },
    ...tokenize(call.arguments).map((token): MockDelta => ({
      index,
      tool_calls: [{ index: at, function: { arguments: token } }],
    })),
  ])
}

/** Step `i` carries token `i` of every choice that still has one, in index order. */
function interleave(streams: readonly MockDelta[][]): StepDelta[] {
  const longest = Math.max(...streams.map((deltas) => deltas.length))
  const steps: StepDelta[] = []
  for (let step = 0; step < longest; step++) {
    for (const deltas of streams) {
      const delta = deltas[step]
      if (delta !== undefined) steps.push({ step, delta })
    }
  }
  return steps
}

/** `/drop N` counts content tokens; the writer counts deltas (thinking tokens included). */
function chunksBeforeContent(deltas: readonly StepDelta[], contentTokens: number): number {
  let seen = 0
  for (const [i, { delta }] of deltas.entries()) {
    if (delta.content === undefined) continue
    if (seen === contentTokens) return i
    seen++
  }
  return deltas.length
}

interface Answer {
  text: string
  seed: number
  /** The question, its directives removed. */
  question: string
  /** Directives of the question: `/long` and `/tps` still apply when the answer is continued. */
  directives: Directives
}

/**
 * The answer to a conversation. The seed covers the whole conversation with the question's
 * directives removed, so `/length 40 Explain X` is exactly a prefix of the answer to `Explain X`.
 * `salt` changes the seed: choice `index` > 0 of an `n > 1` request, so each choice reads
 * differently, and the request's `seed`, so another seed gives another answer.
 */
function answerTo(messages: readonly ChatMessage[], salt = ''): Answer {
  const { text: question, directives } = parseDirectives(lastUserText(messages))
  const lastUser = messages.findLastIndex((message) => message.role === 'user')
  const seedText = messages
    .map((message, i) => `${message.role}:${i === lastUser ? question : message.content}`)
    .join('\n')
  const images = messages[lastUser]?.images ?? []
  const seed = hashString(
    `${seedText}\n${images.join('\n')}\n${directives.long ? 'long' : ''}${salt}`,
  )
  const answer = answersToolResults(messages)
    ? toolResultsAnswer(messages, question)
    : composeAnswer({ question, seed, long: directives.long === true })
  return {
    text: images.length === 0 ? answer : `${imagesSeen(images)}\n\n${answer}`,
    seed,
    question,
    directives,
  }
}

/** The mock's first paragraph when the question came with images: what it can tell of them. */
function imagesSeen(images: readonly string[]): string {
  if (images.length === 1) return `You sent ${images[0]}.`
  const last = images.length - 1
  return `You sent ${images.length} images: ${images.slice(0, last).join(', ')} and ${images[last]}.`
}

function findContinuation(
  messages: readonly ChatMessage[],
  salt: string,
): (Answer & { offset: number }) | undefined {
  for (const { question, partial } of continuationCandidates(messages)) {
    const answer = answerTo(question, salt)
    if (partial.length < answer.text.length && answer.text.startsWith(partial)) {
      return { ...answer, offset: partial.length }
    }
  }
  return undefined
}

/** Roughly what OpenAI bills: the tokens of every message plus a few per message for the framing. */
export function countPromptTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + 4 + tokenize(message.content).length, 3)
}
