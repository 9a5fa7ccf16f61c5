import { mount, type VueWrapper } from '@vue/test-utils'
import { vi } from 'vitest'
import { nextTick } from 'vue'
import StreamingMarkdown from '../../src/markdown/StreamingMarkdown.vue'

/** Removes the caret, the one thing a streamed render may show that a finished one does not. */
export function withoutCaret(html: string): string {
  return html.replace(/<span class="tc-caret" aria-hidden="true"><\/span>/g, '')
}

/** The component's html given the whole source at once. */
export function renderWhole(source: string): string {
  const wrapper = mount(StreamingMarkdown, { props: { source, streaming: false } })
  const html = wrapper.element.innerHTML
  wrapper.unmount()
  return html
}

/** Mounts a streaming component; call with fake timers installed. */
export function mountStreaming(source = ''): VueWrapper {
  return mount(StreamingMarkdown, { props: { source, streaming: true } })
}

/** Runs the pending frame (requestAnimationFrame or its timeout fallback). */
export function flushFrame(): void {
  vi.advanceTimersToNextFrame()
}

/** Feeds `source` in pieces of `size`, running one frame after each piece. */
export async function stream(wrapper: VueWrapper, source: string, size: number): Promise<void> {
  for (let end = size; end < source.length + size; end += size) {
    await wrapper.setProps({ source: source.slice(0, end) })
    flushFrame()
  }
}

/** Streams `source` in pieces, finishes, and returns the final html. */
export async function renderStreamed(source: string, size: number): Promise<string> {
  const wrapper = mountStreaming()
  await stream(wrapper, source, size)
  await wrapper.setProps({ streaming: false })
  await nextTick()
  const html = wrapper.element.innerHTML
  wrapper.unmount()
  return html
}
