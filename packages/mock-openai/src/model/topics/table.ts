import { sentences, type AnswerContext, type Topic } from './topic.js'

const TABLE_WORDS =
  /\b(?:tables?|tabular|spreadsheet|columns?|rows?|matrix|benchmarks?|pricing|schedule|statistics|stats)\b/i

function featureTable(context: AnswerContext): string {
  const rows = context.random.sample(
    [
      '| Startup time | 120 ms | 340 ms | 🟢 |',
      '| Memory per request | 1.2 MB | 3.8 MB | 🟢 |',
      '| Bundle size | 14 KB | 41 KB | 🟡 |',
      '| Learning curve | low | medium | 🟡 |',
      '| Type safety | `strict` | partial | 🟢 |',
      '| Community | large | very large | 🔵 |',
    ],
    4,
  )
  return `| Aspect | First choice | Alternative | Verdict |\n| :--- | ---: | ---: | :---: |\n${rows.join('\n')}`
}

function scheduleTable(context: AnswerContext): string {
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']
  const tasks: [string, ...string[]] = [
    'Research',
    'Draft',
    'Review',
    'Build',
    'Test',
    'Ship 🚀',
    'Rest',
  ]
  const rows = days.map(
    (day) => `| ${day} | ${context.random.pick(tasks)} | ${context.random.int(1, 6)} h |`,
  )
  return `### Suggested plan\n\n| Day | Focus | Time |\n| --- | --- | ---: |\n${rows.join('\n')}`
}

/** Requests for tables: an aligned GFM table, a reading guide and a second, smaller table. */
export const tableTopic: Topic = {
  name: 'table',
  matches: (question) => TABLE_WORDS.test(question),
  compose: (context) => [
    sentences(context, [
      [
        `Here is a table for **${context.subject}**:`,
        `Sure! I've put *${context.subject}* into a table. 📊`,
      ],
    ]),
    featureTable(context),
    sentences(context, [
      [
        'Numbers are **medians** of several runs; your mileage will vary.',
        'The right-aligned columns are numeric, so they line up for comparison.',
      ],
      ['Green means a clear advantage, yellow a trade-off.', 'Read it row by row, not as a score.'],
    ]),
    scheduleTable(context),
  ],
  sections: [featureTable, scheduleTable],
}
