import { describe, expect, it } from 'vitest'
import { composeAnswer, composeReasoning, topicOf } from './answers.js'
import { hashString } from './random.js'

const answer = (question: string, long = false): string =>
  composeAnswer({ question, seed: hashString(question), long })

describe('composeAnswer', () => {
  it('is deterministic for the same question and seed', () => {
    expect(answer('How do I retry a fetch in TypeScript?')).toBe(
      answer('How do I retry a fetch in TypeScript?'),
    )
  })

  it('picks a topic from the keywords of the question', () => {
    expect(topicOf('How do I retry a fetch in TypeScript?').name).toBe('code')
    expect(topicOf('Vue vs React for a dashboard').name).toBe('comparison')
    expect(topicOf('Give me tips for better sleep').name).toBe('list')
    expect(topicOf('Put the release schedule in a table').name).toBe('table')
    expect(topicOf('Show me what markdown you can render').name).toBe('markdown')
    expect(topicOf('Draw a diagram of the login flow').name).toBe('diagram')
    expect(topicOf('Show me some math formulas').name).toBe('math')
    expect(topicOf('Write an essay about the history of the web').name).toBe('essay')
    expect(topicOf('为什么天空是蓝色的？').name).toBe('chinese')
    expect(topicOf('What is the meaning of life?').name).toBe('general')
  })

  it('answers different topics differently', () => {
    const answers = [
      'How do I retry a fetch in TypeScript?',
      'Vue vs React for a dashboard',
      'Put the release schedule in a table',
      'What is the meaning of life?',
    ].map((question) => answer(question))
    expect(new Set(answers).size).toBe(answers.length)
  })

  it('writes code in the language asked about, in a fenced block', () => {
    expect(answer('Write a Python function to average readings')).toMatch(/```python\n/)
    expect(answer('Write a SQL query for the top customers')).toMatch(/```sql\n/)
    expect(answer('How do I type a function in TypeScript?')).toMatch(/```ts\n/)
  })

  it('echoes the question in the opening line', () => {
    const first = answer('Could you explain event loops in Node.js?').split('\n')[0]
    expect(first).toContain('event loops in Node.js')
  })

  it('answers a Chinese question in Chinese', () => {
    const reply = answer('请解释一下什么是流式输出？')
    expect(reply).toContain('流式输出')
    const han = reply.match(/\p{Script=Han}/gu) ?? []
    const latin = reply.match(/[A-Za-z]/g) ?? []
    expect(han.length).toBeGreaterThan(latin.length)
  })

  it('uses the whole markdown range in the showcase', () => {
    const reply = answer('Show me a markdown demo')
    for (const construct of [/^# /m, /\*\*\w/, /`[^`]+`/, /\]\(https:/, /^- /m, /^1\. /m])
      expect(reply).toMatch(construct)
    for (const construct of [/^```ts$/m, /^\| :--- \|/m, /^> /m, /\p{Script=Han}/u, /🎉/u])
      expect(reply).toMatch(construct)
  })

  it('draws a flowchart and a sequence diagram in closed mermaid fences', () => {
    const reply = answer('Draw a diagram of the request flow')
    expect(reply).toMatch(/^```mermaid\nflowchart TD\n[^`]+\n```$/m)
    expect(reply).toMatch(/^```mermaid\nsequenceDiagram\n[^`]+\n```$/m)
  })

  it('makes a long answer of 10 to 20 KB', () => {
    for (const question of ['What is Rust?', '什么是 Rust？', 'Python vs Go']) {
      const bytes = Buffer.byteLength(answer(question, true))
      expect(bytes).toBeGreaterThanOrEqual(10_000)
      expect(bytes).toBeLessThanOrEqual(20_000)
    }
  })
})

describe('composeReasoning', () => {
  it('thinks in the language of the question', () => {
    expect(composeReasoning('Why is the sky blue?', 1)).toMatch(/^The user is asking about/)
    expect(composeReasoning('天空为什么是蓝色的？', 1)).toMatch(/^用户问的是/)
  })

  it('writes math with all four delimiters, prices and an escaped dollar', () => {
    const reply = answer('Show me some math')
    for (const piece of ['$ax^2', '$$\n', '\\(', '\\[', '$5 and $10', '\\$ sign']) {
      expect(reply).toContain(piece)
    }
  })
})
