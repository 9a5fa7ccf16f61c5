import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import StreamingMarkdown from '../../src/markdown/StreamingMarkdown.vue'
import { createMarkdownIt } from '../../src/markdown/create-markdown-it.js'
import { flushFrame, stream } from './stream-helpers.js'

// Mermaid itself is drawn in Chromium (e2e/diagrams.e2e.test.ts); here a fake engine records when
// and how often the kit asks for a drawing.
const engine = vi.hoisted(() => ({
  calls: [] as string[],
  running: 0,
  overlapped: false,
  fail: null as string | null,
}))
vi.mock('../../src/markdown/diagram-engine.js', () => ({
  async renderDiagram(_id: string, source: string): Promise<DocumentFragment> {
    engine.calls.push(source)
    engine.overlapped ||= engine.running > 0
    engine.running++
    await new Promise((resolve) => setTimeout(resolve, 5))
    engine.running--
    if (engine.fail) throw new Error(engine.fail)
    const fragment = document.createDocumentFragment()
    fragment.append(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
    return fragment
  },
}))

const FLOW = '```mermaid\ngraph TD\n  A --> B\n```'
const SEQUENCE = '```mermaid\nsequenceDiagram\n  A->>B: hi\n```'
const DOC = `Intro.\n\n${FLOW}\n\nBetween.\n\n${SEQUENCE}\n\nThe end.`

beforeEach(() => {
  engine.calls = []
  engine.overlapped = false
  engine.fail = null
})
afterEach(() => {
  vi.useRealTimers()
  document.body.replaceChildren()
})

/** Waits until the queued drawings settled (each takes a 5 ms timer in the fake engine). */
async function drawingsSettled(count: number): Promise<void> {
  await vi.waitFor(() => expect(engine.calls.length).toBe(count))
  await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('mermaid fences', () => {
  it('render as a labelled code block with a hidden toggle, and as code when diagrams are off', () => {
    const labels = { diagram: '图表', diagramSource: '源码' }
    const html = createMarkdownIt({ labels }).render('```mermaid\nA --> B<script>\n```')
    expect(html).toContain('data-tc-diagram=""')
    expect(html).toContain('<span class="tc-code__lang">图表</span>')
    expect(html).toMatch(/<button [^>]*data-tc-diagram-toggle="" aria-pressed="false" hidden>源码</)
    expect(html).toContain('A --&gt; B&lt;script&gt;')
    expect(html).not.toContain('data-tc-lang')

    const off = createMarkdownIt({ diagrams: false }).render('```mermaid\nA --> B\n```')
    expect(off).not.toContain('data-tc-diagram')
    expect(off).toContain('data-tc-lang="mermaid"')
  })

  it('stream as code labelled as a diagram', async () => {
    vi.useFakeTimers()
    const wrapper = mount(StreamingMarkdown, { props: { source: '', streaming: true } })
    await stream(wrapper, '```mermaid\ngraph TD\n  A --> B\n', 4)
    expect(wrapper.find('.tc-code__lang').text()).toBe('Diagram')
    expect(wrapper.find('code').text()).toBe('graph TD\n  A --> B')
    wrapper.unmount()
  })

  it('are drawn once each, one at a time, only after they froze', async () => {
    vi.useFakeTimers()
    const wrapper = mount(StreamingMarkdown, {
      props: { source: '', streaming: true },
      attachTo: document.body,
    })
    const firstFenceEnd = DOC.indexOf(FLOW) + FLOW.length
    await stream(wrapper, DOC.slice(0, firstFenceEnd + 1), 1)
    // Closed, but still the open tail: not drawn.
    expect(engine.calls).toEqual([])
    await stream(wrapper, DOC, 1)
    await wrapper.setProps({ streaming: false })
    flushFrame()
    vi.useRealTimers()
    await drawingsSettled(2)
    expect(engine.calls).toEqual(['graph TD\n  A --> B\n', 'sequenceDiagram\n  A->>B: hi\n'])
    expect(engine.overlapped).toBe(false)
    const blocks = wrapper.findAll('[data-tc-diagram]')
    for (const block of blocks) {
      expect(block.attributes('data-tc-view')).toBe('diagram')
      expect(block.find('.tc-diagram__view svg').exists()).toBe(true)
      expect(block.find('[data-tc-diagram-toggle]').attributes('hidden')).toBeUndefined()
      expect(block.find('.tc-diagram__scratch').exists()).toBe(false)
    }
    wrapper.unmount()
  })

  it('end the same streamed or whole, drawings included', async () => {
    const whole = mount(StreamingMarkdown, { props: { source: DOC }, attachTo: document.body })
    await drawingsSettled(2)
    vi.useFakeTimers()
    const streamed = mount(StreamingMarkdown, {
      props: { source: '', streaming: true },
      attachTo: document.body,
    })
    await stream(streamed, DOC, 3)
    await streamed.setProps({ streaming: false })
    vi.useRealTimers()
    await drawingsSettled(4)
    expect(streamed.element.innerHTML).toBe(whole.element.innerHTML)
  })

  it('toggle between drawing and source with aria-pressed', async () => {
    const wrapper = mount(StreamingMarkdown, { props: { source: FLOW }, attachTo: document.body })
    await drawingsSettled(1)
    const toggle = wrapper.find('[data-tc-diagram-toggle]')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(wrapper.find('[data-tc-diagram]').attributes('data-tc-view')).toBe('source')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    expect(wrapper.find('[data-tc-diagram]').attributes('data-tc-view')).toBe('diagram')
  })

  it('show the source and the message when the drawing fails', async () => {
    engine.fail = 'Parse error on line 2'
    const wrapper = mount(StreamingMarkdown, { props: { source: FLOW }, attachTo: document.body })
    await drawingsSettled(1)
    await nextTick()
    const block = wrapper.find('[data-tc-diagram]')
    expect(block.attributes('data-tc-view')).toBeUndefined()
    expect(block.find('.tc-diagram__error').text()).toBe('Parse error on line 2')
    expect(block.find('[data-tc-diagram-toggle]').attributes('hidden')).toBe('')
    expect(block.find('.tc-diagram__view').exists()).toBe(false)
  })

  it('are not drawn once removed before their turn', async () => {
    const wrapper = mount(StreamingMarkdown, { props: { source: FLOW }, attachTo: document.body })
    await wrapper.setProps({ source: 'Another message.' })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(engine.calls).toEqual([])
  })
})
