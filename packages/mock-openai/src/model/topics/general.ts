import { sentences, type AnswerContext, type Fragment, type Topic } from './topic.js'

const points: Fragment = (context) =>
  context.random
    .sample(
      [
        '- **Context matters**: the best answer depends on your constraints.',
        '- **Start simple** and add complexity only when you need it.',
        '- **Check the source**: primary documentation beats summaries.',
        '- **Write it down**; a short note today saves time next month.',
        '- **Ask for examples**: they reveal misunderstandings fast.',
      ],
      3,
    )
    .join('\n')

const detail: Fragment = (context) =>
  sentences(context, [
    [
      'A useful way to think about it is as a series of small, testable steps.',
      'It helps to separate *what* you want from *how* you will get there.',
      'Most of the difficulty comes from a few details that are easy to overlook.',
    ],
    [
      'Once the goal is clear, the options narrow quickly.',
      'For more background, [Wikipedia](https://en.wikipedia.org/wiki/Main_Page) is a good first stop.',
      'Focus on the part you can verify, and the rest tends to follow.',
    ],
  ])

const opener = (context: AnswerContext): string =>
  context.random.pick([
    `Great question! Here's a short answer about **${context.subject}**. 😊`,
    `You asked about *${context.subject}* — here's what I'd say.`,
    `Sure, let's talk about **${context.subject}**.`,
  ])

/** Anything else: a friendly opener, a paragraph, key points and an offer to go deeper. */
export const generalTopic: Topic = {
  name: 'general',
  matches: () => true,
  compose: (context) => [
    opener(context),
    detail(context),
    `### Key points\n\n${points(context)}`,
    context.random.pick([
      'Want me to go into more detail on any of these?',
      'I can expand on any point — just ask. 👍',
      'Tell me more about your situation and I can be more specific.',
    ]),
  ],
  sections: [
    (context) => `## More on ${context.subject}\n\n${detail(context)}\n\n${points(context)}`,
  ],
}
