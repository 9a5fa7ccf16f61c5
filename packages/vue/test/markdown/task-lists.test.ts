import { describe, expect, it } from 'vitest'
import { createMarkdownIt } from '../../src/markdown/create-markdown-it.js'

const md = createMarkdownIt({ highlight: false })

describe('task lists', () => {
  it('renders [ ] and [x] items as disabled checkboxes named by the item text', () => {
    const html = md.render('- [ ] open **task**\n- [x] done\n- [X] also done\n')
    const root = document.createElement('div')
    root.innerHTML = html
    const boxes = [...root.querySelectorAll('input')]
    expect(boxes.map((box) => [box.type, box.disabled, box.checked])).toEqual([
      ['checkbox', true, false],
      ['checkbox', true, true],
      ['checkbox', true, true],
    ])
    expect(boxes.map((box) => box.closest('label')?.textContent)).toEqual([
      ' open task',
      ' done',
      ' also done',
    ])
    expect(root.querySelector('ul')?.className).toBe('tc-task-list')
    expect(root.querySelectorAll('li.tc-task-item')).toHaveLength(3)
  })

  it('marks only items that start with a marker, in loose and ordered lists too', () => {
    expect(md.render('1. [x] first\n\n2. plain [x] later\n')).toBe(
      '<ol class="tc-task-list">\n<li class="tc-task-item">\n<p><label class="tc-task">' +
        '<input type="checkbox" class="tc-task__box" disabled checked> first</label></p>\n</li>\n' +
        '<li>\n<p>plain [x] later</p>\n</li>\n</ol>\n',
    )
  })

  it('leaves a marker without text after it, other brackets and paragraphs outside lists alone', () => {
    expect(md.render('- [x]\n- [y] no\n\n[x] not in a list\n')).toBe(
      '<ul>\n<li>[x]</li>\n<li>[y] no</li>\n</ul>\n<p>[x] not in a list</p>\n',
    )
  })

  it('keeps the item text escaped: markdown-it renders it, html stays disabled', () => {
    expect(md.render('- [ ] <img src=x onerror=alert(1)>\n')).toContain(
      '&lt;img src=x onerror=alert(1)&gt;</label>',
    )
  })
})
