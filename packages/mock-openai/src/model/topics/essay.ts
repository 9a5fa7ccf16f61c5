import { sentences, type AnswerContext, type Fragment, type Topic } from './topic.js'

const ESSAY_WORDS =
  /\b(?:essay|article|history|overview|in depth|in detail|detailed|thorough|deep dive|story|long)\b/i

const background: Fragment = (context) =>
  `## Background\n\n${sentences(context, [
    [
      `To understand **${context.subject}**, it helps to start with the problem it solves.`,
      `Every discussion of *${context.subject}* begins with a little history.`,
    ],
    [
      'Early approaches were built for a world with slower networks, smaller teams and far less data.',
      'The first solutions were pragmatic: they worked, but only under assumptions that no longer hold.',
    ],
    [
      'As systems grew, those assumptions broke one by one, and the costs became visible: latency, outages, and code nobody dared to touch.',
      'What changed was scale. A shortcut that saved an hour for ten users cost a week for ten thousand.',
    ],
    [
      'The ideas we use today are mostly answers to those failures.',
      'Most of today\'s "best practices" are scar tissue from those years.',
    ],
  ])}`

const principles: Fragment = (context) =>
  `## Core principles\n\n${sentences(context, [
    ['Three ideas carry most of the weight.', 'A handful of principles explain almost everything.'],
  ])}\n\n1. **Make the common case fast** and the rare case correct.\n2. **Keep state where it is used**; every copy is a chance to disagree.\n3. **Fail loudly and early**, with a message that says what to do next.\n\n${sentences(
    context,
    [
      [
        'None of these is new, but applying them consistently is what separates a robust system from a fragile one.',
        'They sound obvious; the hard part is noticing when a design quietly violates one of them.',
      ],
      [
        'When in doubt, ask which principle a change serves.',
        'A good review question is: *which of the three does this make worse?*',
      ],
    ],
  )}`

const example: Fragment = (context) =>
  `## A worked example\n\n${sentences(context, [
    [
      `Imagine a small team adopting ${context.subject} in a product used by a few thousand people a day.`,
      `Consider a concrete case: a service that has to handle ${context.subject} reliably under load.`,
    ],
    [
      'In the first week they measure everything and change nothing.',
      'They begin by writing down what "working" means in numbers.',
    ],
  ])}\n\n\`\`\`ts\nconst budget = { p50: 120, p99: 800 } // milliseconds\nconst within = (ms: number) => ms <= budget.p99\n\`\`\`\n\n${sentences(
    context,
    [
      [
        'With a budget in place, every later decision has a yardstick.',
        'The budget turns arguments about taste into arguments about data.',
      ],
      [
        'Two months later the p99 has halved, mostly by removing work rather than adding cleverness.',
        'The biggest wins came from deleting code paths nobody needed.',
      ],
    ],
  )}`

const tradeOffs: Fragment = (context) =>
  `## Trade-offs\n\n| Choice | Gains | Costs |\n| --- | --- | --- |\n| Simplicity | easy onboarding | fewer knobs |\n| Flexibility | handles edge cases | more to learn |\n| Performance | lower latency | harder to change |\n\n${sentences(
    context,
    [
      [
        'There is no free lunch: each column is paid for by another.',
        'The table is a map, not a verdict; context decides.',
      ],
      [
        `For ${context.subject}, most teams should start on the first row and move down only with evidence.`,
        'Revisit the choice when the numbers change, not when the fashion does.',
      ],
    ],
  )}`

const misconceptions: Fragment = (context) =>
  `## Common misconceptions\n\n> "${context.random.pick([
    'It only matters at large scale.',
    'The tooling will take care of it.',
    'We can fix it later.',
  ])}"\n\n${sentences(context, [
    [
      'This belief is widespread and understandable, but it rarely survives contact with production.',
      'It sounds reasonable, and it is exactly how small problems become expensive ones.',
    ],
    [
      'The cost of fixing a design grows with every feature built on top of it.',
      'Habits formed early are the ones that scale, for better or worse.',
    ],
  ])}\n\n- Small systems benefit too — just less visibly.\n- Tools amplify a good process; they do not replace it.\n- "Later" usually means "never", or "during an incident".`

const outlook: Fragment = (context) =>
  `## Looking ahead 🔭\n\n${sentences(context, [
    [
      `The next few years will likely make ${context.subject} both easier and more important.`,
      'The trend is clear: more automation, tighter feedback loops, and higher expectations.',
    ],
    [
      'Better defaults will remove whole classes of mistakes.',
      'What is an expert skill today will be a checkbox tomorrow.',
    ],
    [
      'The fundamentals in this essay will still apply, because they are about people and trade-offs, not tools.',
      'Understanding *why* things work will stay more valuable than knowing *which* tool is popular.',
    ],
  ])}`

const conclusion: Fragment = (context) =>
  `## Conclusion\n\n${sentences(context, [
    [
      `**${context.subject}** rewards patience: measure, simplify, and iterate.`,
      `In short, ${context.subject} is less about cleverness and more about discipline.`,
    ],
    [
      'Start small, keep the feedback loop short, and write down what you learn.',
      'If you remember one thing, make it this: *make the common case fast and the rare case correct.*',
    ],
  ])}`

const SECTIONS: readonly [Fragment, ...Fragment[]] = [
  background,
  principles,
  example,
  tradeOffs,
  misconceptions,
  outlook,
]

// Sections read best in their natural order (background first), whichever three are picked.
const inOrder = (picked: Fragment[]): Fragment[] => SECTIONS.filter((s) => picked.includes(s))

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

const title = (context: AnswerContext): string =>
  `# ${context.random.pick([`Understanding ${context.subject}`, `${capitalize(context.subject)}: an overview`, `On ${context.subject}`])}`

/** Essays and overviews: a title, several sections and a conclusion. Also feeds `/long` answers. */
export const essayTopic: Topic = {
  name: 'essay',
  matches: (question) => ESSAY_WORDS.test(question),
  compose: (context) => [
    title(context),
    ...inOrder(context.random.sample(SECTIONS, 3)).map((section) => section(context)),
    conclusion(context),
  ],
  sections: SECTIONS,
}
