import { sentences, type AnswerContext, type Topic } from './topic.js'

const DIAGRAM_WORDS =
  /\b(?:diagrams?|flow ?charts?|mermaid|sequence|flows?|draw|charts?|architecture)\b/i

/** A titled ```mermaid fence. */
const mermaid = (heading: string, lines: readonly string[]): string =>
  `### ${heading}\n\n\`\`\`mermaid\n${lines.join('\n')}\n\`\`\``

function flowchart(context: AnswerContext): string {
  const check = context.random.pick(['Valid?', 'Cached?', 'Authorised?'])
  return mermaid('The flow', [
    'flowchart TD',
    '  A[Request arrives] --> B{' + check + '}',
    '  B -->|yes| C[Handle it]',
    '  B -->|no| D[Reject with 4xx]',
    '  C --> E[(Store)]',
    '  C --> F[Stream the reply]',
    '  F --> G([Done])',
  ])
}

function sequence(context: AnswerContext): string {
  const server = context.random.pick(['Relay', 'API', 'Server'])
  return mermaid('Who talks to whom', [
    'sequenceDiagram',
    '  participant U as User',
    `  participant S as ${server}`,
    '  participant M as Model',
    '  U->>S: POST /api/chat',
    '  S->>M: chat.completions (stream)',
    '  loop every token',
    '    M-->>S: chunk',
    '    S-->>U: data: chunk',
    '  end',
    '  U->>S: Stop',
    '  S-xM: cancel',
  ])
}

/** Requests for diagrams: a Mermaid flowchart and a sequence diagram, each introduced in a line. */
export const diagramTopic: Topic = {
  name: 'diagram',
  matches: (question) => DIAGRAM_WORDS.test(question),
  compose: (context) => [
    sentences(context, [
      [
        `Here is **${context.subject}** as diagrams:`,
        `Sure, I've drawn *${context.subject}* for you. 🗺️`,
      ],
    ]),
    flowchart(context),
    sentences(context, [
      ['Each box is a step; the diamond is the one decision.', 'Follow the arrows from the top.'],
    ]),
    sequence(context),
    'Toggle **Source** on a diagram to see its Mermaid code.',
  ],
  sections: [flowchart, sequence],
}
