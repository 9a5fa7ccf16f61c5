import type { MockPlan } from '@typewriter-chat/mock-openai'

/**
 * An `n: 2` reply whose choice 0 finishes while choice 1 is still writing, four deltas long: add
 * `endAfter: 4` or `dropAfter: 4` to end the connection there. "Any choice finished" called that
 * complete; the core's rule (every choice must finish) calls it cut short.
 */
export const CHOICE_1_CUT = {
  chunks: [
    { index: 0, content: 'Zero.' },
    { index: 1, content: 'One' },
    { index: 0, finish_reason: 'stop' },
    { index: 1, content: ' is still writing' },
  ],
} as const satisfies MockPlan
