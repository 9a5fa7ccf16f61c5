import { createRandom, type Random } from './random.js'
import { chineseTopic } from './topics/chinese.js'
import { codeTopic } from './topics/code.js'
import { diagramTopic } from './topics/diagram.js'
import { essayTopic } from './topics/essay.js'
import { generalTopic } from './topics/general.js'
import { comparisonTopic, listTopic } from './topics/lists.js'
import { markdownTopic } from './topics/markdown-demo.js'
import { mathTopic } from './topics/math.js'
import { subjectOf } from './topics/subject.js'
import { tableTopic } from './topics/table.js'
import type { AnswerContext, Fragment, Topic } from './topics/topic.js'

/**
 * First match wins: script before keywords (a Chinese question gets a Chinese answer whatever it is
 * about), explicit format requests before subjects, "A vs B" before the code words it may contain.
 */
const TOPICS: readonly Topic[] = [
  chineseTopic,
  mathTopic,
  markdownTopic,
  diagramTopic,
  tableTopic,
  comparisonTopic,
  codeTopic,
  listTopic,
  essayTopic,
]

/** A `/long` answer grows until it has at least this many UTF-8 bytes, and stops before 20 KB. */
const LONG_MIN_BYTES = 12_000
const LONG_MAX_BYTES = 20_000

/** What an answer depends on; the same input always gives the same answer. */
export interface AnswerRequest {
  /** The question with its directives removed. */
  question: string
  seed: number
  long: boolean
}

/** The topic a question is answered under (exported for tests and the README's examples). */
export function topicOf(question: string): Topic {
  return TOPICS.find((topic) => topic.matches(question)) ?? generalTopic
}

/** Composes a markdown answer to `question` from the templates of its topic. */
export function composeAnswer({ question, seed, long }: AnswerRequest): string {
  const random = createRandom(seed)
  const context: AnswerContext = { question, subject: subjectOf(question), random }
  const topic = topicOf(question)
  const blocks = topic.compose(context)
  if (long) extend(blocks, longSections(topic), context, random)
  return blocks.join('\n\n')
}

function longSections(topic: Topic): readonly Fragment[] {
  return topic === chineseTopic ? topic.sections : [...topic.sections, ...essayTopic.sections]
}

function extend(
  blocks: string[],
  sections: readonly Fragment[],
  context: AnswerContext,
  random: Random,
): void {
  let bytes = Buffer.byteLength(blocks.join('\n\n'))
  while (bytes < LONG_MIN_BYTES) {
    for (const section of random.sample(sections, sections.length)) {
      const block = section(context)
      const size = Buffer.byteLength(block) + 2
      if (bytes + size > LONG_MAX_BYTES) return
      blocks.push(block)
      bytes += size
      if (bytes >= LONG_MIN_BYTES) return
    }
  }
}

/** The thinking phase of a `/reasoning` reply: plain prose, in the language of the question. */
export function composeReasoning(question: string, seed: number): string {
  const random = createRandom(seed ^ 0x9e3779b9)
  const subject = subjectOf(question)
  if (chineseTopic.matches(question)) {
    return [
      `用户问的是“${subject}”。`,
      random.pick(['我先想想这个问题的核心是什么。', '先确定回答的结构：概述、要点、示例。']),
      random.pick(['最好给出一个具体的例子，再总结注意事项。', '回答要简洁，用列表让重点更清楚。']),
      '好，开始回答。',
    ].join('')
  }
  return [
    `The user is asking about "${subject}".`,
    random.pick([
      'Let me think about what they most likely need: a direct answer first, then detail.',
      'First I should figure out which part of this is actually hard.',
    ]),
    random.pick([
      'A short example would make it concrete, followed by the common pitfalls.',
      'I will structure it with a heading, a few bullet points and a clear recommendation.',
    ]),
    random.pick(['That should cover it.', 'Okay, I am ready to answer.']),
  ].join(' ')
}
