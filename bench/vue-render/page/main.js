// The benchmark page: mounts one renderer at a time and times token updates (see step()).
import { createApp, h, nextTick, shallowRef } from 'vue'
import MarkstreamMarkdown from 'markstream-vue'
import 'markstream-vue/index.css'
import { Markdown as VueStreamMarkdown } from 'vue-stream-markdown'
import 'vue-stream-markdown/index.css'
import { StreamingMarkdown, loadHighlighter } from '../../../packages/vue/dist/index.js'
import '../../../packages/vue/dist/style.css'
import NaiveMarkdown from './NaiveMarkdown.vue'
import { frame, settle } from '../../shared/frames.mjs'

/**
 * Each variant's render function for `source`, with `done` once the reply is complete. The peers
 * run with their animations off (markstream-vue: no fade, typewriter or smooth pacing;
 * vue-stream-markdown: no enter animation) and their chat settings otherwise.
 */
const VARIANTS = {
  streaming: (source, done) => h(StreamingMarkdown, { source, streaming: !done }),
  naive: (source) => h(NaiveMarkdown, { source }),
  markstream: (source, done) =>
    h(MarkstreamMarkdown, {
      content: source,
      final: done,
      mode: 'chat',
      fade: false,
      typewriter: false,
      smoothStreaming: false,
    }),
  'vue-stream-markdown': (source, done) =>
    h(VueStreamMarkdown, {
      content: source,
      mode: done ? 'static' : 'streaming',
      enableAnimate: false,
    }),
  // Renders nothing: what the page itself costs per token (frame callbacks, Vue's scheduler).
  none: () => h('div'),
}

const host = document.getElementById('host')
/** @type {{ app: import('vue').App, text: import('vue').ShallowRef<string>, done: import('vue').ShallowRef<boolean>, element: HTMLElement, root: Element } | null} */
let current = null

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
  const done = shallowRef(false)
  const render = VARIANTS[variant]
  const app = createApp({ render: () => render(text.value, done.value) })
  app.mount(element)
  await nextTick()
  await frame()
  await frame()
  current = { app, text, done, element, root: element.firstElementChild }
}

const longTasks = []
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
})

/** Long tasks since `since` (a performance.now() time): count and longest, in ms. */
function longTasksSince(since) {
  const tasks = longTasks.filter((task) => task.startTime >= since)
  return { count: tasks.length, longestMs: Math.max(0, ...tasks.map((task) => task.duration)) }
}

/** Appends one token per frame, then lets deferred work finish. Busy time is read around it. */
async function streamPerFrame(tokens) {
  for (const token of tokens) {
    await frame()
    current.text.value += token
  }
  await settle()
}

/**
 * Streams `tokens` at `perSecond` as a reader of the network would hand them over (each timer
 * tick appends the tokens due by then), then marks the reply done and lets everything settle.
 * Returns the long tasks in that time and what the variant shows at the end.
 */
async function streamAtRate(tokens, perSecond) {
  const started = performance.now()
  let sent = 0
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(
        tokens.length,
        Math.floor(((performance.now() - started) * perSecond) / 1000),
      )
      if (due > sent) current.text.value += tokens.slice(sent, due).join('')
      sent = due
      if (sent === tokens.length) {
        clearInterval(timer)
        resolve()
      }
    }, 1000 / perSecond)
  })
  const streamedMs = performance.now() - started
  current.done.value = true
  await settle()
  return { streamedMs, longTasks: longTasksSince(started), shows: describe(current.element) }
}

/** What a rendered reply contains, to state how the variants differ. */
function describe(element) {
  const count = (selector) => element.querySelectorAll(selector).length
  return {
    elements: count('*'),
    textLength: element.textContent.length,
    headings: count('h1, h2, h3, h4, h5, h6'),
    tables: count('table'),
    codeBlocks: count('pre'),
    highlightedTokens: count('pre span[class]'),
    links: count('a[href]'),
    buttons: count('button'),
  }
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
  streamPerFrame,
  streamAtRate,
  settle,
  unmount,
}
