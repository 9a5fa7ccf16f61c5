import type { Random } from '../random.js'

/** What an answer template can draw on. */
export interface AnswerContext {
  /** The question, directives removed. */
  question: string
  /** A short phrase from the question to echo back ("retry a fetch in TypeScript"). */
  subject: string
  random: Random
}

/** One markdown block (or a few), written for the question at hand. */
export type Fragment = (context: AnswerContext) => string

/** A kind of question the mock recognises and how it answers it. */
export interface Topic {
  name: string
  matches(question: string): boolean
  /** The blocks of a normal-length answer. */
  compose(context: AnswerContext): string[]
  /** Extra sections that a `/long` answer keeps adding until it is long enough. */
  sections: readonly [Fragment, ...Fragment[]]
}

/**
 * Joins sentences chosen at random, so two answers on one topic rarely read the same. Chinese
 * sentences take an empty separator: the full-width stop already ends them.
 */
export function sentences(
  context: AnswerContext,
  choices: readonly (readonly [string, ...string[]])[],
  separator = ' ',
): string {
  return choices.map((options) => context.random.pick(options)).join(separator)
}
