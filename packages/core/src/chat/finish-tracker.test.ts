import { describe, expect, it } from 'vitest'
import { ChatStreamError } from '../errors/chat-stream-error.js'
import { FinishTracker } from './finish-tracker.js'

function chunk(...choices: Array<[index: number, finish: string | null]>) {
  return { choices: choices.map(([index, finish_reason]) => ({ index, finish_reason })) }
}

describe('FinishTracker', () => {
  it('is complete once every choice it saw has finished', () => {
    const tracker = new FinishTracker()
    tracker.observe(chunk([0, null], [1, null]))
    tracker.observe(chunk([0, 'stop'], [1, 'length']))
    expect(tracker.complete).toBe(true)
    expect(() => tracker.assertComplete()).not.toThrow()
  })

  it('calls an n: 2 reply cut short while choice 1 is still writing incomplete, though choice 0 finished', () => {
    const tracker = new FinishTracker()
    tracker.observe(chunk([0, null], [1, null]))
    tracker.observe(chunk([0, 'stop']))
    tracker.observe(chunk([1, null]))
    expect(tracker.complete).toBe(false)
    let caught: unknown
    try {
      tracker.assertComplete()
    } catch (error) {
      caught = error
    }
    expect(ChatStreamError.isInstance(caught) && caught.code).toBe('incomplete_stream')
  })

  it('is not complete before any chunk', () => {
    expect(new FinishTracker().complete).toBe(false)
  })

  it('keeps a finished choice finished when a later chunk repeats it without a reason', () => {
    const tracker = new FinishTracker()
    tracker.observe(chunk([0, 'stop']))
    tracker.observe(chunk([0, null]))
    expect(tracker.complete).toBe(true)
  })

  it('asks the choices of a continuation round to finish again', () => {
    const tracker = new FinishTracker()
    tracker.observe(chunk([0, 'stop']))
    tracker.observe({ ...chunk([0, null]), continuation: { round: 1 } })
    expect(tracker.complete).toBe(false)
  })
})

describe('FinishTracker.settled', () => {
  const usage = { choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }

  it('is settled once every choice finished when no usage was asked for', () => {
    const tracker = new FinishTracker()
    tracker.observe(chunk([0, null]))
    expect(tracker.settled).toBe(false)
    tracker.observe(chunk([0, 'stop']))
    expect(tracker.settled).toBe(true)
  })

  it('waits for the usage chunk when the request asked for it', () => {
    const tracker = new FinishTracker({ usage: true })
    tracker.observe(chunk([0, 'stop']))
    expect(tracker.complete).toBe(true)
    expect(tracker.settled).toBe(false)
    tracker.observe(usage)
    expect(tracker.settled).toBe(true)
  })

  it('is not settled by usage alone; usage that comes with the last finish settles it', () => {
    const tracker = new FinishTracker({ usage: true })
    tracker.observe(usage)
    expect(tracker.settled).toBe(false)
    tracker.observe(chunk([0, null]))
    expect(tracker.settled).toBe(false)
    // Running totals before the last finish are not the final usage.
    tracker.observe({ ...chunk([0, 'stop']), usage: usage.usage })
    expect(tracker.settled).toBe(true)
  })

  it('takes running usage totals before the last finish for what they are', () => {
    const tracker = new FinishTracker({ usage: true })
    tracker.observe({ ...chunk([0, null]), usage: usage.usage })
    tracker.observe(chunk([0, 'stop']))
    expect(tracker.settled).toBe(false)
    tracker.observe(usage)
    expect(tracker.settled).toBe(true)
  })

  it('owes a continuation round its own finish and usage', () => {
    const tracker = new FinishTracker({ usage: true })
    tracker.observe(chunk([0, 'length']))
    tracker.observe(usage)
    tracker.observe({ ...chunk([0, null]), continuation: { round: 1 } })
    expect(tracker.settled).toBe(false)
    tracker.observe(chunk([0, 'stop']))
    expect(tracker.settled).toBe(false)
    tracker.observe(usage)
    expect(tracker.settled).toBe(true)
  })
})
