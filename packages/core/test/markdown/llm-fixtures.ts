/** LLM-shaped replies: the block structures chat models actually stream. */

const longFenceLines = Array.from({ length: 2000 }, (_, index) =>
  index % 50 === 0 ? `  // part ${index / 50} **` : `  f(${index}, \`x\`)`,
)

export const llmFixtures: Record<string, string> = {
  'loose ordered list with code inside items': `Here is how to set it up:

1. **Install** the package:

   \`\`\`bash
   npm install typewriter-chat
   \`\`\`

2. Create a config file named \`chat.config.ts\`:

   \`\`\`ts
   export default { model: 'gpt-4o', stream: true }
   \`\`\`

3. Start the server with \`npm start\` and open [the demo](http://localhost:3000/demo).

10. Bonus: a double-digit item number.

That's all.
`,

  'late reference definitions at the end': `Streaming is covered in [the guide][guide], and the protocol in
[the spec][spec]. See also [MDN] and ![the diagram][diagram].

- A list item that links to [the guide][guide] again.

> A quote that cites [the spec][spec].

[guide]: https://example.com/guide "The guide"
[spec]: <https://example.com/spec>
[MDN]: https://developer.mozilla.org/docs/Web/API/Server-sent_events
[diagram]: https://example.com/diagram.png 'Diagram'
`,

  'long code fence': `The generated module:

\`\`\`ts
${longFenceLines.join('\n')}
\`\`\`

It has ${longFenceLines.length} lines.
`,

  'tables following a paragraph': `Comparison of the options:
| Option | Latency | Notes |
| :--- | ---: | :---: |
| **SSE** | low | one-way, \`text/event-stream\` |
| WebSocket | low | two-way |
| Polling | high | simple |

A paragraph, then a table after a blank line:

| a | b |
|---|---|
| 1 | 2 |
`,

  'nested lists': `Steps:

- First level
  - Second level with *emphasis*
    - Third level with \`code\`
  - Back to second
- First again

  Continued paragraph inside the first-level item.

1. Ordered
   1. Nested ordered
   2. Another
2. Second
`,

  'CJK text and emoji': `## 流式渲染 🚀

这是一个**流式**输出的例子，包含中文、日本語のテキスト、한국어 문장，以及 emoji 👨‍👩‍👧‍👦 和 🇨🇳。

- 第一项：\`代码\` 与 *强调*
- 第二项：[链接](https://example.com/中文路径) 😀

> 引用：「ストリーミング」は楽しい 🎉
`,

  'headings and blockquotes': `# Title

Setext heading
==============

Another one
-----------

### Third level ###

> A quote with **bold** text
continued lazily on the next line.
>
> > Nested quote with a list:
> > - item one
> > - item two

---

Final paragraph with ~~strikethrough~~ and a bare link https://example.com/path?q=1.
`,
}
