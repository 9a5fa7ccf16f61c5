import markdownit from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { repairMarkdownTail } from './repair-tail.js'

const md = markdownit({ linkify: true })

describe('repairMarkdownTail', () => {
  it.each([
    ['**bold', '**bold**'],
    ['**bold ', '**bold**'],
    ['a *it', 'a *it*'],
    ['a _it_ and _x', 'a _it_ and _x_'],
    ['~~gone', '~~gone~~'],
    ['***both', '***both***'],
    ['**a _b', '**a _b_**'],
    ['中文**粗体', '中文**粗体**'],
    ['use `code', 'use `code`'],
    ['x **`y', 'x **`y`**'],
    ['**done**', '**done**'],
  ])('closes unclosed inline markup: %j', (source, repaired) => {
    expect(repairMarkdownTail(source)).toBe(repaired)
  })

  it.each([
    ['use `', 'use '],
    ['say **', 'say '],
    ['1. **', ''],
    ['- *', ''],
  ])('takes back an opener with nothing after it yet: %j', (source, repaired) => {
    expect(repairMarkdownTail(source)).toBe(repaired)
  })

  it.each([
    ['2 * 3', '2 * 3'],
    ['snake_case_name', 'snake_case_name'],
    ['**a [b](c) d**', '**a [b](c) d**'],
    ['plain text', 'plain text'],
  ])('leaves text that is not open markup alone: %j', (source, repaired) => {
    expect(repairMarkdownTail(source)).toBe(repaired)
  })

  it.each([
    ['See [the docs](https://exa', 'See the docs'],
    ['See [the docs', 'See the docs'],
    ['See [the docs]', 'See the docs'],
    ['**See [the docs](https://exa', '**See the docs**'],
  ])('shows an unfinished link as its text without an href: %j', (source, repaired) => {
    expect(repairMarkdownTail(source)).toBe(repaired)
    expect(md.render(repairMarkdownTail(source))).not.toContain('href')
  })

  it.each([['Look: ![chart](https://example.com/ch'], ['Look: ![chart'], ['Look: ![chart]']])(
    'does not show an unfinished image at all: %j',
    (source) => {
      expect(repairMarkdownTail(source)).toBe('Look: ')
    },
  )

  it.each([
    ['see https://exa', 'see '],
    ['see example.co', 'see '],
    ['mail me@exam', 'mail '],
    ['a <https://exa', 'a '],
  ])('holds back a URL linkify would link before it is complete: %j', (source, repaired) => {
    expect(repairMarkdownTail(source)).toBe(repaired)
  })

  it.each([
    ['Intro\n\n-'],
    ['Intro\n\n--'],
    ['Intro\n\n*'],
    ['Intro\n\n+'],
    ['Intro\n\n>'],
    ['Intro\n\n2'],
    ['Intro\n\n2.'],
    ['Intro\n\n#'],
    ['Intro\n\n``'],
    ['Intro\n\n|'],
  ])('withholds an unfinished last line that would flash the wrong block: %j', (source) => {
    expect(repairMarkdownTail(source)).toBe('Intro\n\n')
  })

  it('withholds a setext underline being typed under a paragraph', () => {
    expect(repairMarkdownTail('Para\n-')).toBe('Para\n')
  })

  it('withholds a link reference definition still being typed', () => {
    expect(repairMarkdownTail('Text\n\n[d]: https://exa')).toBe('Text\n\n')
  })

  it('leaves an open fence as it is but withholds a closing marker being typed', () => {
    expect(repairMarkdownTail('```js\nconst a = 1 // **\n')).toBe('```js\nconst a = 1 // **\n')
    expect(repairMarkdownTail('```js\nx\n``')).toBe('```js\nx\n')
    expect(repairMarkdownTail('- a\n\n  ```py\n  x\n  `')).toBe('- a\n\n  ```py\n  x\n')
  })

  it('adds a delimiter row under a table header row that has none yet', () => {
    expect(repairMarkdownTail('| a | b |')).toBe('| a | b |\n| --- | --- |')
    expect(repairMarkdownTail('| a | b |\n| --')).toBe('| a | b |\n| --- | --- |')
    expect(md.render(repairMarkdownTail('Intro\n\n| a | b |\n'))).toContain('<th>a</th>')
  })

  it('keeps a table body row being typed as it is', () => {
    const source = '| a | b |\n|---|---|\n| 1 | 2'
    expect(repairMarkdownTail(source)).toBe(source)
  })

  it('repairs only the inline context the tail ends in', () => {
    expect(repairMarkdownTail('- *a\n- b')).toBe('- *a\n- b')
    expect(repairMarkdownTail('# *Title\n\nText **bold')).toBe('# *Title\n\nText **bold**')
  })

  it.each([
    ['Energy $$E = mc', 'Energy '],
    ['So \\[x +', 'So '],
    ['So \\(x +', 'So '],
    ['**see $$x', '**see**'],
    ['a $x$', 'a $x'],
    ['a $', 'a '],
    ['a $$', 'a '],
    ['a \\', 'a '],
    ['$x$ and $y$ done', '$x$ and $y$ done'],
    ['Prices: $5 and $10', 'Prices: $5 and $10'],
    ['A literal \\$ sign', 'A literal \\$ sign'],
    ['| a | b |\n|---|---|\n| $$x$$ | $$y', '| a | b |\n|---|---|\n| $$x$$ | '],
  ])('holds back math until its closer came: %j', (source, repaired) => {
    expect(repairMarkdownTail(source)).toBe(repaired)
  })

  it('does not close emphasis inside closed math', () => {
    expect(repairMarkdownTail('$a*b$ and **c')).toBe('$a*b$ and **c**')
  })

  it('leaves an open display math block as it is but withholds a closer being typed', () => {
    expect(repairMarkdownTail('$$\n\\frac{a}{b} * c_')).toBe('$$\n\\frac{a}{b} * c_')
    expect(repairMarkdownTail('$$\nx\n$')).toBe('$$\nx\n')
    expect(repairMarkdownTail('Text\n\\[\nx \\')).toBe('Text\n\\[\nx ')
    expect(repairMarkdownTail('- a\n  $$\n  x = 1')).toBe('- a\n  $$\n  x = 1')
    expect(repairMarkdownTail('```\n$$\n```\n**b')).toBe('```\n$$\n```\n**b**')
  })
})
