import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { flushFrame, mountStreaming, renderWhole, stream } from './stream-helpers.js'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('<StreamingMarkdown> while streaming', () => {
  it('keeps the DOM nodes of frozen blocks across many updates and a selection in them', async () => {
    let source = '# Title\n\nFirst paragraph.\n\nSecond'
    const wrapper = mountStreaming(source)
    const heading = wrapper.element.querySelector('h1')
    const paragraph = wrapper.element.querySelector('p')
    expect(heading).not.toBeNull()
    const text = paragraph?.firstChild
    if (!text) throw new Error('no paragraph text')
    const selection = document.getSelection()
    selection?.setBaseAndExtent(text, 0, text, 5)
    for (let i = 0; i < 200; i++) {
      source += i % 20 === 19 ? 'end.\n\n' : `w${i} `
      await wrapper.setProps({ source })
      flushFrame()
    }
    expect(wrapper.element.querySelector('h1')).toBe(heading)
    expect(wrapper.element.querySelector('p')).toBe(paragraph)
    expect(paragraph?.firstChild).toBe(text)
    expect(selection?.toString()).toBe('First')
  })

  it('renders the tail at most once per animation frame', async () => {
    const wrapper = mountStreaming('')
    await wrapper.setProps({ source: 'one' })
    await wrapper.setProps({ source: 'one two' })
    expect(wrapper.element.textContent).toBe('')
    flushFrame()
    expect(wrapper.element.textContent?.trim()).toBe('one two')
  })

  it('still renders in a background tab, where animation frames do not come', async () => {
    vi.useRealTimers()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    try {
      const wrapper = mountStreaming('')
      await wrapper.setProps({ source: 'hidden' })
      vi.advanceTimersByTime(99)
      expect(wrapper.element.textContent).toBe('')
      vi.advanceTimersByTime(1)
      expect(wrapper.element.textContent?.trim()).toBe('hidden')
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('shows a caret while streaming, never inside <pre>, and drops it when done', async () => {
    const wrapper = mountStreaming('Hello **wor')
    flushFrame()
    expect(wrapper.element.querySelector('p > .tc-caret')).not.toBeNull()
    await wrapper.setProps({ source: 'Hello\n\n```js\nconst a' })
    flushFrame()
    expect(wrapper.element.querySelector('.tc-caret')).not.toBeNull()
    expect(wrapper.element.querySelector('pre .tc-caret')).toBeNull()
    await wrapper.setProps({ streaming: false })
    await nextTick()
    expect(wrapper.element.querySelector('.tc-caret')).toBeNull()
  })

  it.each([
    ['Some **bold te', '**'],
    ['Some *it', '*'],
    ['Call `fo', '`'],
    ['```py\nprint(1)\n``', '``'],
  ])('never shows raw markers in the repaired tail of %j', async (source, marker) => {
    const wrapper = mountStreaming()
    await stream(wrapper, source, 1)
    expect(wrapper.element.textContent).not.toContain(marker)
  })

  it('never links to a URL that is still being typed', async () => {
    const source = 'See [the docs](https://example.com/guide/intro) now'
    const wrapper = mountStreaming()
    const cut = source.indexOf(')')
    for (let end = 1; end <= cut; end++) {
      await wrapper.setProps({ source: source.slice(0, end) })
      flushFrame()
      expect(wrapper.element.querySelector('a[href]')).toBeNull()
    }
    await wrapper.setProps({ source })
    flushFrame()
    expect(wrapper.element.querySelector('a')?.getAttribute('href')).toBe(
      'https://example.com/guide/intro',
    )
  })

  it('starts over when the source is replaced instead of extended', async () => {
    const wrapper = mountStreaming('First reply.\n\nMore')
    flushFrame()
    await wrapper.setProps({ source: 'Other' })
    flushFrame()
    expect(wrapper.element.textContent?.trim()).toBe('Other')
    await wrapper.setProps({ streaming: false })
    expect(wrapper.element.innerHTML).toBe(renderWhole('Other'))
  })
})

describe('<StreamingMarkdown> safety', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '[a](javascript:alert(1)) [b](vbscript:msgbox(1)) [c](data:text/html;base64,PHNjcmlwdD4=)',
    '[d](JaVaScRiPt:alert(1)) ![e](javascript:alert(1))',
  ].join('\n\n')

  it.each([false, true])('renders hostile input as inert text (streamed: %s)', async (streamed) => {
    const wrapper = mountStreaming()
    if (streamed) await stream(wrapper, hostile, 2)
    await wrapper.setProps({ source: hostile, streaming: false })
    const root = wrapper.element
    expect(root.querySelector('script, iframe, svg, img, object, embed')).toBeNull()
    for (const element of root.querySelectorAll('*')) {
      for (const { name } of element.attributes) expect(name).not.toMatch(/^on/i)
    }
    for (const link of root.querySelectorAll('a[href]')) {
      expect(link.getAttribute('href')).toBe('https://evil.example')
    }
    expect(root.textContent).toContain('<script>alert(1)</script>')
  })

  it('opens links in a new tab without an opener or referrer', () => {
    const wrapper = mountStreaming()
    return wrapper.setProps({ source: 'Go to https://example.com', streaming: false }).then(() => {
      const link = wrapper.element.querySelector('a')
      expect(link?.getAttribute('rel')).toBe('noopener noreferrer')
      expect(link?.getAttribute('target')).toBe('_blank')
    })
  })
})

describe('<StreamingMarkdown> code blocks', () => {
  it('copies the code of the clicked block and shows feedback', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve())
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const wrapper = mountStreaming()
    await wrapper.setProps({
      source: '```js\nfirst()\n```\n\ntext\n\n```py\nsecond()\n```\n',
      streaming: false,
    })
    const buttons = (wrapper.element as HTMLElement).querySelectorAll<HTMLElement>('[data-tc-copy]')
    expect(buttons).toHaveLength(2)
    expect(wrapper.element.querySelectorAll('.tc-code__lang')[1]?.textContent).toBe('py')
    buttons[1]?.click()
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith('second()\n'))
    await vi.waitFor(() => expect(buttons[1]?.hasAttribute('data-copied')).toBe(true))
    vi.advanceTimersByTime(1500)
    expect(buttons[1]?.hasAttribute('data-copied')).toBe(false)
    vi.unstubAllGlobals()
  })

  it('copies from a fence that is still open', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve())
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const wrapper = mountStreaming()
    await stream(wrapper, 'Intro\n\n```sh\necho hi\necho', 4)
    const root: HTMLElement = wrapper.element
    root.querySelector<HTMLElement>('[data-tc-copy]')?.click()
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith('echo hi\necho'))
    vi.unstubAllGlobals()
  })
})
