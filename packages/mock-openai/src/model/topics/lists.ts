import { sentences, type AnswerContext, type Topic } from './topic.js'

const COMPARE_WORDS =
  /\b(?:vs\.?|versus|compare[ds]?|comparison|differences?|pros|cons|trade-?offs?)\b/i
const LIST_WORDS = /\b(?:list|steps|tips|ideas|ways|checklist|options|recommend(?:ations)?|best)\b/i

/** The two things a comparison is about ("Vue vs React" → Vue, React), or generic stand-ins. */
function sidesOf(question: string): [string, string] {
  const match =
    /([\w.+#-]+(?: [\w.+#-]+)?)\s+(?:vs\.?|versus|or|and)\s+([\w.+#-]+(?: [\w.+#-]+)?)/i.exec(
      question,
    )
  const left = match?.[1]?.replace(/^(?:compare|between)\s+/i, '')
  return left && match?.[2] ? [left, match[2]] : ['Option A', 'Option B']
}

function prosAndCons(context: AnswerContext): string {
  const [a, b] = sidesOf(context.question)
  const pick = (items: readonly string[]): string =>
    context.random
      .sample(items, 2)
      .map((item) => `  - ${item}`)
      .join('\n')
  const strengths = [
    'mature ecosystem and plenty of answers online',
    'a gentle learning curve',
    'excellent performance out of the box',
    'strong typing and tooling support',
    'a small API surface that is easy to keep in your head',
  ]
  const weaknesses: [string, ...string[]] = [
    'more boilerplate for simple cases',
    'fewer ready-made integrations',
    'breaking changes between major versions',
    'harder to debug when something goes wrong',
  ]
  return `## ${a} vs ${b}\n\n- **${a}**\n${pick(strengths)}\n  - ⚠️ ${context.random.pick(weaknesses)}\n- **${b}**\n${pick(strengths)}\n  - ⚠️ ${context.random.pick(weaknesses)}`
}

function steps(context: AnswerContext): string {
  const items = context.random.sample(
    [
      '**Define the goal.** Write down what "done" looks like in one sentence.',
      '**Start small.** Build the simplest version that works end to end.',
      '**Measure.** Collect numbers before you optimise anything.',
      '**Get feedback early** from the people who will actually use it.',
      '**Automate the boring parts**: formatting, tests, releases.',
      '**Write it down.** A short README saves hours of questions later.',
      '**Review and iterate.** Schedule a check-in after the first week.',
    ],
    5,
  )
  return `## Step by step\n\n${items.map((item, i) => `${i + 1}. ${item}`).join('\n')}`
}

function verdict(context: AnswerContext): string {
  const [a, b] = sidesOf(context.question)
  return `**Bottom line:** ${context.random.pick([
    `pick **${a}** if you value stability, **${b}** if you need flexibility.`,
    `there is no universal winner — ${a} fits small teams, ${b} shines at scale.`,
    `try both on a small spike; the one your team enjoys will win. ✅`,
  ])}`
}

const opener = (context: AnswerContext): string =>
  sentences(context, [
    [
      `Let's break down **${context.subject}**.`,
      `Here's a structured look at *${context.subject}*. 📋`,
      `Good one — **${context.subject}** is easier to judge side by side.`,
    ],
    ['The short version first, details after.', 'I will keep it scannable.'],
  ])

/** "A vs B", pros and cons, trade-offs: nested bullets for each side and a verdict. */
export const comparisonTopic: Topic = {
  name: 'comparison',
  matches: (question) => COMPARE_WORDS.test(question),
  compose: (context) => [opener(context), prosAndCons(context), steps(context), verdict(context)],
  sections: [prosAndCons, steps, verdict],
}

/** "Give me tips / steps / ideas": numbered steps, a bullet checklist and a closing nudge. */
export const listTopic: Topic = {
  name: 'list',
  matches: (question) => LIST_WORDS.test(question),
  compose: (context) => [
    opener(context),
    steps(context),
    `### Quick checklist\n\n- [x] Goal written down\n- [ ] First version shipped\n- [ ] Feedback collected`,
    context.random.pick([
      'Which of these would you like to go deeper on?',
      'Start with the first two; the rest follow naturally. 🙂',
    ]),
  ],
  sections: [steps],
}
