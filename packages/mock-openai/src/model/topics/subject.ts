const LEADING_ASKS =
  /^(?:(?:hi|hey|hello)[,!]?\s+)?(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:tell me(?: about)?|show me|give me|teach me|help me(?: with)?|explain|describe|write(?: me)?|what(?:'s| is| are)|how (?:do|does|can|should|would|to)(?: (?:i|you|we))?|why (?:do|does|is|are)|i (?:want|need) to|make|create|build|generate|compare|list)?\s*/i
// "an essay about X", "a table of X": the artifact asked for is not the subject.
const ARTIFACT =
  /^(?:(?:a|an|the|some|me)\s+)*(?:short\s+|long\s+|quick\s+|simple\s+)?(?:essay|article|overview|table|summary|list|query|function|script|story|demo|example|guide)s?\s+(?:about|on|of|for|that|to)\s+/i
const LEADING_ASKS_ZH =
  /^(?:请问|请你|请|帮我|麻烦|能不能|可以|你能|解释一下|介绍一下|说说|讲讲|什么是)+/
const TRAILING = /[\s?.!:;,。？！：；，]+$/
const MAX_LENGTH = 60

/**
 * The phrase an answer echoes in its opening line: the first line of the question without the
 * polite frame ("Could you explain …?") and cut at a word boundary, as a person would quote it.
 */
export function subjectOf(question: string): string {
  const firstLine = question.trim().split('\n', 1)[0] ?? ''
  const core = firstLine
    .replace(LEADING_ASKS, '')
    .replace(ARTIFACT, '')
    .replace(LEADING_ASKS_ZH, '')
    .replace(TRAILING, '')
  if (core === '') return firstLine === '' ? 'your question' : firstLine
  if (core.length <= MAX_LENGTH) return core
  const cut = core.slice(0, MAX_LENGTH)
  const space = cut.lastIndexOf(' ')
  return `${space > MAX_LENGTH / 2 ? cut.slice(0, space) : cut}…`
}
