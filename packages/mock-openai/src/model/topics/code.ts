import { CODE_SAMPLES, type CodeLanguage } from './code-samples.js'
import { sentences, type AnswerContext, type Topic } from './topic.js'

const CODE_WORDS =
  /\b(?:code|coding|typescript|javascript|node(?:\.?js)?|python|sql|query|database|bash|shell|script|function|class|bug|debug|error|exception|api|regex|async|await|implement|program|compile)\b|\bts\b|\bjs\b/i

const LANGUAGES: readonly [CodeLanguage, RegExp][] = [
  ['python', /\b(?:python|pandas|django|flask|fastapi|pip)\b|\.py\b/i],
  ['sql', /\b(?:sql|query|queries|database|postgres(?:ql)?|mysql|sqlite|index|join)\b/i],
  ['bash', /\b(?:bash|shell|terminal|command line|cli|linux|zsh)\b/i],
]

/** The language a question is about; TypeScript when it does not say. */
export function languageOf(question: string): CodeLanguage {
  return LANGUAGES.find(([, pattern]) => pattern.test(question))?.[0] ?? 'typescript'
}

const FENCE: Record<CodeLanguage, string> = {
  typescript: 'ts',
  python: 'python',
  sql: 'sql',
  bash: 'bash',
}

const NAMES: Record<CodeLanguage, string> = {
  typescript: 'TypeScript',
  python: 'Python',
  sql: 'SQL',
  bash: 'Bash',
}

function example(context: AnswerContext, heading: string): string {
  const language = languageOf(context.question)
  const sample = context.random.pick(CODE_SAMPLES[language])
  const steps = sample.steps.map((step, i) => `${i + 1}. ${step}`).join('\n')
  return `${heading} ${sample.title}\n\n\`\`\`${FENCE[language]}\n${sample.code}\n\`\`\`\n\n${steps}`
}

/** Questions about code: an explanation, a fenced sample in the right language, and pitfalls. */
export const codeTopic: Topic = {
  name: 'code',
  matches: (question) => CODE_WORDS.test(question),
  compose(context) {
    const name = NAMES[languageOf(context.question)]
    return [
      sentences(context, [
        [
          `Here's how to approach **${context.subject}** in ${name}.`,
          `Good question! Let's work through *${context.subject}* with a small ${name} example.`,
          `Sure — **${context.subject}** comes up a lot in ${name}. 💡`,
        ],
        [
          'The idea is simple once you see it in code.',
          'I will start with a working snippet and then explain the parts that matter.',
        ],
      ]),
      example(context, '##'),
      `### Common pitfalls\n\n${context.random
        .sample(
          [
            '- **Swallowing errors**: log or rethrow; an empty `catch` hides the real cause.',
            '- **Blocking the event loop** with synchronous work inside a hot path.',
            '- **Mutable shared state**: prefer returning new values over editing arguments.',
            '- **No timeouts**: every network call should have one.',
            '- **Testing only the happy path**: add a case for empty input and for failure.',
          ],
          3,
        )
        .join('\n')}`,
      context.random.pick([
        `> **Tip:** read the official docs on [${name}](https://en.wikipedia.org/wiki/${encodeURIComponent(name)}) for the details the snippet skips.`,
        '> **Note:** the snippet is intentionally small; wrap it in tests before you rely on it.',
      ]),
      context.random.pick([
        'Want me to adapt it to your codebase? Paste the relevant part and I will adjust it. 🚀',
        'Let me know if you want a version with tests, or one for a different runtime.',
      ]),
    ]
  },
  sections: [
    (context) => example(context, '## Another example:'),
    (context) =>
      `## Testing it\n\n${sentences(context, [
        [
          'A test pins the behaviour down so a refactor cannot silently change it.',
          'Start with the smallest test that fails without the code.',
        ],
      ])}\n\n\`\`\`ts\nimport { describe, expect, it } from 'vitest'\n\ndescribe('${context.subject.replace(/'/g, '')}', () => {\n  it('handles the empty case', () => {\n    expect(run([])).toEqual([])\n  })\n})\n\`\`\``,
  ],
}
