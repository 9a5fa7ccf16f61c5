/** Documents shaped like LLM replies: headings, nested lists, tables, fences, links, definitions. */
export const llmDocuments: readonly string[] = [
  `## Setting up the project

Here's how to get started with **Vite** and _Vue 3_:

1. Install the dependencies:
   \`\`\`bash
   pnpm add vue
   pnpm add -D vite @vitejs/plugin-vue
   \`\`\`
2. Create \`vite.config.ts\`:

\`\`\`ts
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({ plugins: [vue()] })
\`\`\`

> **Note:** see https://vite.dev/guide/ for details, or [the docs][docs].

| Option | Default | Meaning |
| --- | :---: | ---: |
| \`root\` | \`process.cwd()\` | project root |
| \`base\` | \`/\` | public base path |

[docs]: https://vuejs.org/guide/ "Vue guide"

---

That's it! Run \`pnpm dev\` and open http://localhost:5173.
`,
  `思考一下这个问题：**快速排序**的平均复杂度是 *O(n log n)*。

\`\`\`python
def quicksort(xs):
    """Sort a list."""
    if len(xs) <= 1:
        return xs
    pivot, *rest = xs
    return quicksort([x for x in rest if x < pivot]) + [pivot] + quicksort([x for x in rest if x >= pivot])
\`\`\`

- 优点：原地排序
  - 缓存友好
- 缺点：最坏 O(n²)

Setext heading
==============

Some ~~struck~~ text, a footnote-like [^1] and an image ![logo](https://example.com/logo.png).
`,
  `Here is a diff:

~~~diff
- old line
+ new line
~~~

    indented code block
    second line

1. one
2. two

   continued paragraph

3) three
* star list
+ plus list

Trailing text with a [link](https://example.com/a_(b)) and <https://autolink.example>.`,
  `## Plan

- [x] Parse the **input**
- [ ] Render [docs](https://example.com/docs)
  - [ ] nested step
- not a task

1. [X] ordered done
2. [ ] ordered open

Done.`,
  `Footnotes arrive late[^src] and twice[^src], with a second one[^2].

A paragraph in between.

[^2]: The second note, with \`code\`.

- a list item[^2]

[^src]: The source, defined last.
`,
]
