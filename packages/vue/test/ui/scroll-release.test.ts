import { describe, expect, it } from 'vitest'
import {
  button,
  endless,
  mountChat,
  replyText,
  typeAndEnter,
  until,
  useChatReplies,
} from './chat-harness.js'
import type { ChatWrapper } from './chat-harness.js'

const mockReply = useChatReplies()
let wrapper: ChatWrapper | undefined

const VIEWPORT = 200

/**
 * happy-dom does no layout: give the transcript a 200 px viewport and a content height that grows
 * with its text, with the browser's clamping of scrollTop.
 */
function layOut(log: HTMLElement): void {
  let top = 0
  const height = () => VIEWPORT + log.textContent.length * 2
  Object.defineProperties(log, {
    clientHeight: { configurable: true, get: () => VIEWPORT },
    scrollHeight: { configurable: true, get: height },
    scrollTop: {
      configurable: true,
      get: () => top,
      set: (value: number) => {
        top = Math.max(0, Math.min(value, height() - VIEWPORT))
      },
    },
  })
}

/** Scrolls the way a reader does: moves scrollTop and fires the scroll event. */
function readerScrollsTo(log: HTMLElement, top: number): void {
  log.scrollTop = top
  log.dispatchEvent(new Event('scroll'))
}

const atEnd = (log: HTMLElement) => log.scrollTop === log.scrollHeight - log.clientHeight

async function startStreaming(): Promise<HTMLElement> {
  // A line a frame or so: the mock keeps its pace even when the test process is starved, and
  // text arriving before every frame would leave the transcript at its end only for instants.
  const route = await mockReply(endless((i) => `line ${i}\n\n`, 20))
  wrapper = mountChat({ endpoint: route.url })
  const log = wrapper.get('[role="log"]').element as HTMLElement
  layOut(log)
  await typeAndEnter(wrapper, 'stream')
  await until(() => replyText(wrapper!).length > 100 && atEnd(log))
  return log
}

describe('<TypewriterChat> stick-to-bottom scrolling', () => {
  it('follows the reply while the reader stays at the bottom', async () => {
    const log = await startStreaming()
    const before = log.scrollTop
    await until(() => log.scrollTop > before + 100)
    // Scrolling follows once per frame: the end is reached by the next frame, not at every instant.
    await until(() => atEnd(log))
    expect(button(wrapper!, 'Jump to latest')).toBeUndefined()
  })

  it.each([
    ['a wheel turn up', (log: HTMLElement) => log.dispatchEvent(wheelUp())],
    ['an upward key', (log: HTMLElement) => log.dispatchEvent(key('PageUp'))],
    ['a touch drag down', (log: HTMLElement) => touchDrag(log, 100, 160)],
  ])('lets go on %s and never scrolls the reader back', async (_name, gesture) => {
    const log = await startStreaming()
    gesture(log)
    // Within the slack at the end: only the gesture itself says the reader left.
    readerScrollsTo(log, log.scrollTop - 10)
    const kept = log.scrollTop
    const length = replyText(wrapper!).length
    await until(() => replyText(wrapper!).length > length + 200)
    expect(log.scrollTop).toBe(kept)
    await until(() => button(wrapper!, 'Jump to latest') !== undefined)
  })

  it('lets go when the scrollbar is dragged up, and follows again once back at the end', async () => {
    const log = await startStreaming()
    readerScrollsTo(log, log.scrollTop - 150)
    const kept = log.scrollTop
    const length = replyText(wrapper!).length
    await until(() => replyText(wrapper!).length > length + 200)
    expect(log.scrollTop).toBe(kept)

    readerScrollsTo(log, log.scrollHeight)
    const resumed = log.scrollTop
    await until(() => log.scrollTop > resumed + 100)
    await until(() => atEnd(log))
  })

  it('"Jump to latest" scrolls to the end and follows again', async () => {
    const log = await startStreaming()
    log.dispatchEvent(wheelUp())
    readerScrollsTo(log, 0)
    await until(() => button(wrapper!, 'Jump to latest') !== undefined)
    await button(wrapper!, 'Jump to latest')!.trigger('click')
    expect(atEnd(log)).toBe(true)
    const top = log.scrollTop
    await until(() => log.scrollTop > top + 100)
    await until(() => atEnd(log))
    await until(() => button(wrapper!, 'Jump to latest') === undefined)
  })
})

function wheelUp(): Event {
  return new WheelEvent('wheel', { deltaY: -120, bubbles: true })
}

function key(name: string): Event {
  return new KeyboardEvent('keydown', { key: name, bubbles: true })
}

function touchDrag(target: HTMLElement, fromY: number, toY: number): void {
  const touch = (y: number) => ({ clientY: y, identifier: 1, target }) as unknown as Touch
  target.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(fromY)] }))
  target.dispatchEvent(new TouchEvent('touchmove', { touches: [touch(toY)] }))
}
