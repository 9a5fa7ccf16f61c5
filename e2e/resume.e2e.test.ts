import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCutProxy } from './cut-proxy.js'
import type { CutProxy } from './cut-proxy.js'
import { chat, chatRequests, piecesOf, replyText, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
let proxy: CutProxy
// At a ten-minute grace, a reply left without a client runs on: only the stop request that Stop
// sends can cancel its upstream call within a test.
beforeAll(async () => {
  rig = await startRig({ RELAY_RESUME_GRACE_MS: '600000' })
  proxy = await startCutProxy(rig.relay.url)
})
afterAll(async () => {
  await proxy?.close()
  await rig?.close()
})

/**
 * Gates for the mock's `beforeChunk` at the given chunk indexes: the reply waits at each until the
 * test opens it, so a cut lands at a known point of the reply, whatever the timing.
 */
function gatesAt(...indexes: number[]) {
  const gates = new Map(
    indexes.map((index) => {
      let reach!: () => void
      let open!: () => void
      const reached = new Promise<void>((resolve) => (reach = resolve))
      const opened = new Promise<void>((resolve) => (open = resolve))
      return [index, { reach, reached, open, opened }] as const
    }),
  )
  const gate = (index: number) => gates.get(index)!
  return {
    beforeChunk(index: number): Promise<void> | undefined {
      const at = gates.get(index)
      at?.reach()
      return at?.opened
    },
    reached: (index: number) => gate(index).reached,
    open: (index: number) => gate(index).open(),
  }
}

/** What the page asks the relay for, as `METHOD /path`, in order. */
function recordCalls(page: Page): string[] {
  const calls: string[] = []
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname.startsWith('/api/chat')) calls.push(`${request.method()} ${pathname}`)
  })
  return calls
}

/**
 * Scripts a reply of `pieces` held at each of `gateIndexes`, opens the demo through the proxy and
 * sends `prompt`.
 */
async function startReply(pieces: string[], gateIndexes: number[], prompt: string) {
  const gates = gatesAt(...gateIndexes)
  rig.upstream.scriptOnce({ chunks: pieces, delayMs: 5, beforeChunk: gates.beforeChunk })
  const upstreamBefore = chatRequests(rig.upstream).length
  const page = await rig.openDemo({ origin: proxy.url })
  const calls = recordCalls(page)
  const ui = chat(page)
  await ui.send(prompt)
  return {
    page,
    ui,
    calls,
    /** The chat requests the upstream received since the reply was sent. */
    upstreamRequests: () => chatRequests(rig.upstream).slice(upstreamBefore),
    /** Once the reply waits at gate `index` and `shown` is on screen, cuts every connection. */
    async cutAt(index: number, shown: string): Promise<void> {
      await gates.reached(index)
      await expect.poll(() => replyText(page)).toContain(shown)
      expect(proxy.cutAll()).toBeGreaterThan(0)
      gates.open(index)
    },
  }
}

const ANSWER =
  'Every word of this reply arrives exactly once and in order, 一字不差, although each ' +
  'connection between the browser and the relay is cut while the reply is streaming: the ' +
  'kit picks the stream up again from the last event it read, and the typewriter carries on.'

describe('a reply whose connection drops', () => {
  it('finishes exactly, with no banner and no second POST, when every connection is cut mid-reply', async () => {
    const pieces = piecesOf(ANSWER, 6)
    const reply = await startReply(pieces, [10, 25], 'Keep going whatever happens')
    await reply.cutAt(10, pieces[0]!)
    // Text from after the first cut must be on screen: then the resumed stream is the one cut.
    await reply.cutAt(25, pieces.slice(0, 13).join(''))

    const { page, ui, calls } = reply
    await ui.idle()
    expect(await replyText(page)).toBe(ANSWER)
    expect(await ui.lastReply.getAttribute('data-status')).toBe('done')
    expect(await ui.alert.count()).toBe(0)
    expect(reply.upstreamRequests()).toHaveLength(1)
    expect(calls.filter((call) => call.startsWith('POST'))).toEqual(['POST /api/chat'])
    expect(calls.filter((call) => call.startsWith('GET /api/chat/streams/'))).toHaveLength(2)
    await page.context().close()
  })

  it('Stop after a resume still cancels the upstream call', async () => {
    const pieces = piecesOf('word '.repeat(2000), 5)
    const reply = await startReply(pieces, [20], 'Talk for a long time')
    await reply.cutAt(20, 'word')
    const { page, ui, calls } = reply
    // Words from after the cut are on screen: they came through the resumed stream.
    await expect.poll(async () => (await replyText(page)).length).toBeGreaterThan(20 * 5 + 50)

    const [request] = reply.upstreamRequests()
    await ui.button('Stop').click()
    await request!.closed
    expect(request!.abortedByClient).toBe(true)
    expect(reply.upstreamRequests()).toHaveLength(1)
    expect(await ui.lastReply.getAttribute('data-status')).toBe('stopped')
    expect(await ui.alert.count()).toBe(0)
    expect(calls.filter((call) => call.startsWith('POST'))).toEqual([
      'POST /api/chat',
      expect.stringMatching(/^POST \/api\/chat\/streams\/[^/]+\/stop$/),
    ])
    await page.context().close()
  })
})
