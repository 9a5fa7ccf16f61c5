import type { AnswerContext, Topic } from './topic.js'

const MARKDOWN_WORDS =
  /\b(?:markdown|formatting|format|demo|showcase|render(?:ing)?|features|everything)\b/i

const inline = (context: AnswerContext): string =>
  `## Inline styles\n\nText can be **bold**, *italic*, ***both***, ~~struck through~~ or \`inline code\`, and links look like [the CommonMark spec](https://spec.commonmark.org/). You asked about "${context.subject}", so here is the full tour. ✨`

const lists = (): string =>
  `## Lists\n\n- A bullet\n- Another bullet\n  - Nested with \`code\`\n  - Nested with **bold**\n\n1. First\n2. Second\n3. Third\n\n- [x] Task done\n- [ ] Task pending`

const code = (): string =>
  `## Code\n\n\`\`\`ts\ntype Token = { text: string; at: number }\n\nexport const join = (tokens: Token[]): string => tokens.map((t) => t.text).join('')\n\`\`\``

const table = (): string =>
  `## Table\n\n| Syntax | Result | Note |\n| :--- | :---: | ---: |\n| \`**x**\` | **x** | bold |\n| \`*x*\` | *x* | italic |\n| \`~~x~~\` | ~~x~~ | GFM |`

const quote = (): string =>
  `> **Note**\n> Blockquotes can hold *formatting* too.\n>\n> — a markdown renderer`

const international = (): string =>
  `## 中文与表情 🌏\n\n流式渲染时，中文字符和 emoji（👨‍👩‍👧、🚀）都不应该被截断。Mixed text works too: **Markdown 很好用**。`

/** "Show me some markdown": one of every construct, so a renderer demo has something to chew on. */
export const markdownTopic: Topic = {
  name: 'markdown',
  matches: (question) => MARKDOWN_WORDS.test(question),
  compose: (context) => [
    `# Markdown showcase\n\nHere's everything a chat renderer should handle, in one reply.`,
    inline(context),
    lists(),
    code(),
    table(),
    quote(),
    international(),
    '---\n\n*That is the whole tour.* 🎉',
  ],
  sections: [inline, lists, code, table, quote, international],
}
