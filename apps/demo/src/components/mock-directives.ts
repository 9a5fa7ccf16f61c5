/** A prompt directive of the relay's mock model, with a message that shows it off. */
export interface MockDirective {
  directive: string
  effect: string
  example: string
}

/** The mock model's directives (packages/mock-openai/README.md), each with a ready-made message. */
export const MOCK_DIRECTIVES: readonly MockDirective[] = [
  {
    directive: '/length 40',
    effect: 'cuts the reply at 40 tokens; with continuation on, the relay carries on seamlessly',
    example: '/length 40 Compare Vue vs React',
  },
  {
    directive: '/error 429',
    effect: 'fails with that HTTP status (401, 429, 500, 503...)',
    example: '/error 429 Explain rate limits',
  },
  {
    directive: '/drop 30',
    effect: 'drops the connection after 30 tokens, mid-reply',
    example: '/drop 30 Explain server-sent events',
  },
  {
    directive: '/reasoning',
    effect: 'thinks first, shown in a collapsible section',
    example: '/reasoning Why is the sky blue?',
  },
  {
    directive: '/slow 3000',
    effect: 'waits 3 s before the first token',
    example: '/slow 3000 Write a haiku about latency',
  },
  {
    directive: '/tps 200',
    effect: 'streams at 200 tokens per second',
    example: '/tps 200 Show me a markdown showcase',
  },
  {
    directive: '/long',
    effect: 'a long answer, 10–20 KB',
    example: '/long Write an essay about streaming UIs',
  },
]
