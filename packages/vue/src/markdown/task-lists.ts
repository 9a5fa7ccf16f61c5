import type MarkdownIt from 'markdown-it'
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs'

/** `[ ]`, `[x]` or `[X]` then whitespace, at the start of a list item's first paragraph (GFM). */
const TASK_MARKER = /^\[([ xX])\][ \t]/

/**
 * GFM task lists, read-only: `- [x] done` renders a `disabled` checkbox inside a `<label>` that holds
 * the item's first paragraph, so the checkbox is named by the item's text and announced as checked
 * or not. A core rule of a few lines, not a plugin dependency: the maintained plugins render
 * clickable checkboxes or emit raw html, and this rule only rewrites tokens of one block, so it
 * streams like any other block.
 */
export function taskLists(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'task_lists', markTasks)
  md.renderer.rules.task_open = (tokens, index) => {
    const checked = tokens[index]?.meta === true ? ' checked' : ''
    return `<label class="tc-task"><input type="checkbox" class="tc-task__box" disabled${checked}> `
  }
  md.renderer.rules.task_close = () => '</label>'
}

function markTasks(state: StateCore): void {
  const tokens = state.tokens
  for (let index = 2; index < tokens.length; index++) {
    const inline = tokens[index]
    if (
      inline?.type !== 'inline' ||
      tokens[index - 1]?.type !== 'paragraph_open' ||
      tokens[index - 2]?.type !== 'list_item_open'
    ) {
      continue
    }
    const first = inline.children?.[0]
    const marker = first?.type === 'text' ? TASK_MARKER.exec(first.content) : null
    if (!first || !marker || !inline.children) continue
    first.content = first.content.slice(marker[0].length)
    const open = new state.Token('task_open', '', 1)
    open.meta = marker[1] !== ' '
    inline.children.unshift(open)
    inline.children.push(new state.Token('task_close', '', -1))
    const item = tokens[index - 2]
    item?.attrJoin('class', 'tc-task-item')
    findList(tokens, index - 2)?.attrJoin('class', 'tc-task-list')
  }
}

/** The list that opens the item at `itemIndex`, once per list (the class is joined only once). */
function findList(tokens: StateCore['tokens'], itemIndex: number) {
  const level = (tokens[itemIndex]?.level ?? 0) - 1
  for (let index = itemIndex - 1; index >= 0; index--) {
    const token = tokens[index]
    if (token?.level !== level) continue
    if (token.type !== 'bullet_list_open' && token.type !== 'ordered_list_open') return null
    return token.attrGet('class')?.includes('tc-task-list') ? null : token
  }
  return null
}
