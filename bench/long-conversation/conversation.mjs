// A long saved conversation for the long-conversation benchmark: alternating user questions and
// finished LLM-shaped replies (bench/shared/llm-reply.mjs), as `<TypewriterChat v-model>` holds them.
import { replySections, seededRandom } from '../shared/llm-reply.mjs'

/**
 * `count` messages (user first), the same for the same `seed`. A reply is one to three sections
 * of LLM-shaped markdown (headings, lists, fences, tables; ~1 KB a section); a question is one of
 * their paragraphs. Replies carry usage and speed figures, as finished replies do.
 */
export function conversation(count, seed) {
  const random = seededRandom(seed)
  const pairs = Math.ceil(count / 2)
  const pool = replySections(pairs * 2 * 1_000, seed)
  const messages = []
  let next = 0
  const take = (length) => {
    const sections = Array.from({ length }, () => pool[next++ % pool.length])
    return sections.join('').trimEnd()
  }
  for (let pair = 0; messages.length < count; pair++) {
    const question = take(1).split('\n\n')[1] ?? ''
    messages.push({
      id: `${seed}-u${pair}`,
      role: 'user',
      content: question,
      reasoning: '',
      status: 'done',
    })
    if (messages.length === count) break
    const content = take(1 + Math.floor(random() * 3))
    const tokens = Math.round(content.length / 4)
    messages.push({
      id: `${seed}-a${pair}`,
      role: 'assistant',
      content,
      reasoning: '',
      status: 'done',
      finishReason: 'stop',
      usage: {
        prompt_tokens: 40 * pair,
        completion_tokens: tokens,
        total_tokens: 40 * pair + tokens,
      },
      metrics: { timeToFirstTokenMs: 300 + random() * 500, tokensPerSecond: 40 + random() * 60 },
    })
  }
  return messages
}
