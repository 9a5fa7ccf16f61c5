// The benchmark page: mounts one renderer at a time and times token updates (see step()).
import { createApp, h, nextTick, shallowRef } from 'vue'
import { StreamingMarkdown, loadHighlighter } from '../../../packages/vue/dist/index.js'
import '../../../packages/vue/dist/style.css'
import NaiveMarkdown from './NaiveMarkdown.vue'

const host = document.getElementById('host')
/** @type {{ app: import('vue').App, text: import('vue').ShallowRef<string>, element: HTMLElement, root: Element } | null} */
let current = null

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))

function unmount() {
  current?.app.unmount()
  current?.element.remove()
  current = null
}

/** Mounts `variant` showing `source`, and lets it settle (first render, layout, paint). */
async function mount(variant, source) {
  unmount()
  const element = document.createElement('div')
  host.append(element)
  const text = shallowRef(source)
  const app = createApp({
    render: () =>
      variant === 'streaming'
        ? h(StreamingMarkdown, { source: text.value, streaming: true })
        : h(NaiveMarkdown, { source: text.value }),
  })
  app.mount(element)
  await nextTick()
  await frame()
  await frame()
  current = { app, text, element, root: element.firstElementChild }
}

/**
 * Appends one token and returns the main-thread work it caused, in ms, leaving out the idle wait
 * for the frame. `flush`: setting the source through Vue's flush plus a forced layout (a v-html
 * re-render happens here; <StreamingMarkdown> only schedules its frame render). `render`: from a
 * frame callback registered before the token to one registered after the flush; callbacks run in
 * registration order within one frame, so this is exactly <StreamingMarkdown>'s frame render
 * (about 0 for v-html). `layout`: the forced style and layout after that render.
 */
async function step(token) {
  const { text, element } = current
  let frameStart = 0
  requestAnimationFrame(() => {
    frameStart = performance.now()
  })
  const started = performance.now()
  text.value += token
  await nextTick()
  void element.offsetHeight
  const flushed = performance.now()
  const [rendered, laidOut] = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const at = performance.now()
      void element.offsetHeight
      resolve([at, performance.now()])
    }),
  )
  return { flush: flushed - started, render: rendered - frameStart, layout: laidOut - rendered }
}

/**
 * The block elements of a rendered reply: the root's element children, looking through the plain
 * wrapper StreamingMarkdown keeps its frozen blocks in.
 */
const blockElements = (root) =>
  [...root.children].flatMap((child) =>
    child.classList.contains('tc-markdown__frozen') ? [...child.children] : [child],
  )

/**
 * Streams `tokens` into the mounted renderer; the first `warm` are not timed. Also counts the
 * block elements present before the timed tokens that were replaced by the end.
 */
async function stream(tokens, warm) {
  for (const token of tokens.slice(0, warm)) await step(token)
  const root = current.root
  const before = blockElements(root)
  const samples = []
  for (const token of tokens.slice(warm)) samples.push(await step(token))
  return {
    samples,
    elements: before.length,
    replaced: before.filter((node) => !root.contains(node)).length,
    textLength: root.textContent.length,
    sourceLength: current.text.value.length,
  }
}

window.bench = {
  /** Loads highlight.js up front, so no variant pays for or skips highlighting while timed. */
  ready: async () => {
    await loadHighlighter()
    return { isolated: window.crossOriginIsolated }
  },
  mount,
  stream,
  unmount,
}
