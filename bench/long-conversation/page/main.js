// The long-conversation benchmark page: one <TypewriterChat> with a long saved conversation, opened,
// switched to another one and typed into, with off-screen messages skipped (as shipped) or not.
import { createApp, h, shallowRef } from 'vue'
import { TypewriterChat, loadHighlighter } from '../../../packages/vue/dist/index.js'
import '../../../packages/vue/dist/style.css'
import { conversation } from '../conversation.mjs'
import { frame, settle } from '../../shared/frames.mjs'

/** Inside the 1280 × 800 window, so the transcript scrolls and the page does not. */
const CHAT_HEIGHT_PX = 760

const host = document.getElementById('host')
/** @type {{ app: import('vue').App, shown: import('vue').ShallowRef<unknown[]>, element: HTMLElement } | null} */
let current = null
/** Conversations by seed, made before any timing. */
const conversations = new Map()

/** Resolves after the next frame has been rendered: a task posted from its frame callback runs after it. */
const afterNextFrame = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(performance.now())
      channel.port2.postMessage(null)
    }),
  )

const longTasks = []
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
})

/** Long tasks that ended after `since` (a performance.now() time): how many, and the longest in ms. */
function longTasksSince(since) {
  const tasks = longTasks.filter((task) => task.startTime + task.duration > since)
  return { count: tasks.length, longestMs: Math.max(0, ...tasks.map((task) => task.duration)) }
}

/**
 * Turns skipping of off-screen messages off (`false`) with a style override of the kit's
 * `content-visibility: auto`, or back on: the only difference between the two variants.
 */
const override = document.createElement('style')
override.textContent = '.tc-chat .tc-message { content-visibility: visible !important; }'
function setSkipping(on) {
  if (on) override.remove()
  else document.head.append(override)
}

function prepare(count, seed) {
  if (!conversations.has(seed)) conversations.set(seed, conversation(count, seed))
  return conversations.get(seed)
}

function unmount() {
  current?.app.unmount()
  current?.element.remove()
  current = null
}

/** What the chat shows: elements, and how many messages have their contents rendered. */
function describe() {
  const messages = [...current.element.querySelectorAll('.tc-message')]
  const rendered = messages.filter((message) =>
    message.firstElementChild?.checkVisibility({ contentVisibilityAuto: true }),
  )
  return {
    messages: messages.length,
    rendered: rendered.length,
    elements: current.element.querySelectorAll('*').length,
  }
}

/**
 * Times a change of what is shown, made by `change()`: wall time from before it to the end of the
 * second frame after it (the first frame lays out and paints what it made), and the long tasks in
 * that time and until the page is idle again.
 */
async function timeChange(change) {
  // In a task of its own, not the DevTools command that called this: the long task is the
  // change's alone, and the protocol's metrics count its script as script.
  await new Promise((resolve) => setTimeout(resolve))
  const started = performance.now()
  change()
  await frame()
  const secondFrameEnd = await afterNextFrame()
  await settle()
  return {
    toSecondFrameMs: secondFrameEnd - started,
    longTasks: longTasksSince(started),
    shows: describe(),
  }
}

/** Mounts a chat showing conversation `seed` (made beforehand by `prepare`). */
function open(seed) {
  unmount()
  const element = document.createElement('div')
  element.style.height = `${CHAT_HEIGHT_PX}px`
  host.append(element)
  const shown = shallowRef(conversations.get(seed))
  return timeChange(() => {
    const app = createApp({
      render: () =>
        h(TypewriterChat, {
          modelValue: shown.value,
          'onUpdate:modelValue': (list) => (shown.value = list),
        }),
    })
    app.mount(element)
    current = { app, shown, element }
  })
}

/** Switches the mounted chat to conversation `seed`, as a conversation list does through v-model. */
function switchTo(seed) {
  return timeChange(() => (current.shown.value = conversations.get(seed)))
}

/**
 * Key latency: from a key event's timestamp (when the browser received it) to the end of the
 * frame after it, which shows the typed character. `arm()` before a key press, then `keyLatency()`.
 */
let pending = null
window.addEventListener(
  'keydown',
  (event) => {
    if (!pending) return
    const { resolve } = pending
    void afterNextFrame().then((end) => resolve(end - event.timeStamp))
  },
  { capture: true },
)

window.bench = {
  /** Loads highlight.js up front, so code blocks are highlighted as they render, in the mount. */
  ready: async () => {
    await loadHighlighter()
    return { isolated: window.crossOriginIsolated }
  },
  prepare: (count, seed) => {
    const messages = prepare(count, seed)
    return {
      messages: messages.length,
      replyChars: messages
        .filter((message) => message.role === 'assistant')
        .reduce((sum, message) => sum + message.content.length, 0),
    }
  },
  setSkipping,
  open,
  switchTo,
  focusComposer: () => current.element.querySelector('.tc-composer textarea').focus(),
  arm: async () => {
    await frame()
    let resolve
    const latency = new Promise((done) => (resolve = done))
    pending = { resolve, latency }
  },
  keyLatency: async () => {
    const latency = await pending.latency
    pending = null
    return latency
  },
  longTasksSince,
  now: () => performance.now(),
  settle,
  unmount,
}
