import { describe, expect, it } from 'vitest'
import { joinSeam } from './seam.js'

/** Feeds `pieces` like a streaming round would and returns the full text emitted for the round. */
function stitch(prev: string, pieces: string[]): string {
  let head = ''
  let out: string | undefined
  let after = ''
  for (const piece of pieces) {
    if (out !== undefined) {
      after += piece
      continue
    }
    head += piece
    out = joinSeam(prev, head, false)
  }
  return (out ?? joinSeam(prev, head, true) ?? '') + after
}

describe('joinSeam', () => {
  it('removes an exact repeat of the last words', () => {
    const prev = 'The quick brown fox jumps over the'
    expect(stitch(prev, ['over', ' the', ' lazy', ' dog.'])).toBe(' lazy dog.')
  })

  it('removes a repeat of the whole last line', () => {
    const prev = '# Plan\n\n1. Buy milk\n2. Walk the dog to the park'
    expect(stitch(prev, ['2. Walk', ' the dog', ' to the park', ' and back.\n', '3. Sleep'])).toBe(
      ' and back.\n3. Sleep',
    )
  })

  it('removes a repeat that starts on a fresh line', () => {
    const prev = 'First sentence. Second sentence.'
    expect(stitch(prev, ['\n\nSecond', ' sentence.', ' Third one.'])).toBe(' Third one.')
  })

  it('keeps a continuation without overlap as it is', () => {
    expect(stitch('Hello world.', [' How', ' are you?'])).toBe(' How are you?')
  })

  it('joins a restarted word without a space', () => {
    expect(stitch('Hello wor', ['world', ', how are you?'])).toBe('ld, how are you?')
  })

  it('joins a word continued mid-word as it is', () => {
    expect(stitch('Hello wor', ['ld, how', ' are you?'])).toBe('ld, how are you?')
  })

  it('keeps exactly one space after a repeated whole word', () => {
    expect(stitch('Hello world', ['world is', ' big'])).toBe(' is big')
    expect(stitch('Hello world ', ['world is', ' big'])).toBe('is big')
  })

  it('collapses a doubled space at the seam', () => {
    expect(stitch('Hello ', [' world'])).toBe('world')
  })

  it('does not trim one shared letter', () => {
    expect(stitch('It is a', ['and then'])).toBe('and then')
    expect(stitch('Look at the data', ['a new idea'])).toBe('a new idea')
  })

  it('does not trim punctuation that only looks repeated', () => {
    expect(stitch('const y = f(g(x)', [') + 1'])).toBe(') + 1')
  })

  it('does not treat the end of a longer word as a repeat', () => {
    expect(stitch('string concatenation', ['nation states'])).toBe('nation states')
  })

  it('removes a repeat in Chinese, which has no spaces', () => {
    expect(stitch('我们今天去公园', ['去公园', '玩了一整天。'])).toBe('玩了一整天。')
  })

  it('waits while the start of the round may still be a repeat', () => {
    const prev = 'one two three four'
    expect(joinSeam(prev, 'two', false)).toBeUndefined()
    expect(joinSeam(prev, 'two three four five', false)).toBe(' five')
    expect(joinSeam(prev, '  ', false)).toBeUndefined()
  })

  it('decides once the held-back start is long enough', () => {
    const prev = 'x'.repeat(500)
    expect(joinSeam(prev, 'x'.repeat(400), false)).toBeDefined()
  })

  it('decides with whatever arrived when the round ends', () => {
    expect(joinSeam('one two', 'two', true)).toBe('')
  })
})

describe('joinSeam inside an open code fence', () => {
  it('removes a re-opened fence so the block stays open', () => {
    const prev = 'Here:\n\n```ts\nconst a = 1\n'
    expect(stitch(prev, ['```', 'ts\n', 'const b = 2\n', '```\n'])).toBe('const b = 2\n```\n')
  })

  it('removes a re-opened fence and the repeated line after it', () => {
    const prev = '```python\nimport os\nx = fo'
    expect(stitch(prev, ['```python\n', 'x = foo()\n', 'print(x)\n'])).toBe('o()\nprint(x)\n')
  })

  it('starts a new line when the code was cut at the end of a line', () => {
    const prev = '```js\nconst a = 1'
    expect(stitch(prev, ['```js\n', 'const b = 2\n'])).toBe('\nconst b = 2\n')
  })

  it('removes a tilde fence re-opening and keeps blank lines before it', () => {
    const prev = '~~~sh\nls\n'
    expect(stitch(prev, ['\n~~~bash\n', 'pwd\n'])).toBe('\npwd\n')
  })

  it('sees a fence opened in a list item as open, as display repair does', () => {
    const prev = '1. Install:\n   - ```sh\n     npm i\n'
    expect(stitch(prev, ['   ```sh\n', '     npm test\n'])).toBe('     npm test\n')
  })

  it('keeps a bare fence, which closes the block', () => {
    const prev = '```ts\nconst a = 1\n'
    expect(stitch(prev, ['```\n', '\nDone.'])).toBe('```\n\nDone.')
  })

  it('keeps a fence that opens a new block after a closed one', () => {
    const prev = '```ts\nconst a = 1\n```\n\n'
    expect(stitch(prev, ['```ts\n', 'const b = 2\n```'])).toBe('```ts\nconst b = 2\n```')
  })
})
