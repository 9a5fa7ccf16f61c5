import { describe, expect, it } from 'vitest'
import { CHOICE_1_CUT } from '../../../test-utils/stream-rule-cases.js'
import { chatBody, post, readSSE, CONTINUATION_MODES } from './helpers.js'
import { useRelayOnMock } from './relay-on-mock.js'

const relay = useRelayOnMock()

/** The stream's last event, parsed, and whether `[DONE]` came. */
async function streamEnd(response: Response): Promise<{ last: unknown; done: boolean }> {
  expect(response.status).toBe(200)
  const { events } = await readSSE(response)
  const done = events.some((event) => event.data === '[DONE]')
  const last = events.at(-1)
  return { last: last === undefined || done ? undefined : JSON.parse(last.data), done }
}

for (const [mode, config] of CONTINUATION_MODES)
  describe(`a reply is complete only when every choice finished (${mode})`, () => {
    it('/api/chat: choice 1 cut after choice 0 finished gets the in-band upstream_incomplete error, no [DONE]', async () => {
      const url = await relay.start(config)
      relay.upstream.script({ ...CHOICE_1_CUT, endAfter: 4 })
      const { last, done } = await streamEnd(await post(`${url}/api/chat`, chatBody()))
      expect(done).toBe(false)
      expect(last).toMatchObject({ error: { code: 'upstream_incomplete' } })
    })

    it('/v1/chat/completions with n: 2: the same cut is the same error, no [DONE]', async () => {
      const url = await relay.start({ ...config, limits: { maxN: 2 } })
      relay.upstream.script({ ...CHOICE_1_CUT, endAfter: 4 })
      const body = chatBody({ n: 2, stream: true })
      const { last, done } = await streamEnd(await post(`${url}/v1/chat/completions`, body))
      expect(done).toBe(false)
      expect(last).toMatchObject({ error: { code: 'upstream_incomplete' } })
      expect(relay.upstream.requests.at(-1)?.body).toMatchObject({ n: 2 })
    })

    it('a connection dropped while choice 1 is writing ends in an error event, no [DONE]', async () => {
      const url = await relay.start(config)
      relay.upstream.script({ ...CHOICE_1_CUT, dropAfter: 4 })
      const { last, done } = await streamEnd(await post(`${url}/api/chat`, chatBody()))
      expect(done).toBe(false)
      expect(last).toMatchObject({ error: { type: 'upstream_error' } })
    })

    it('a non-streamed request gets a 502 upstream_incomplete, not a half completion', async () => {
      const url = await relay.start({ ...config, limits: { maxN: 2 } })
      relay.upstream.script({ ...CHOICE_1_CUT, endAfter: 4 })
      const response = await post(`${url}/v1/chat/completions`, chatBody({ n: 2, stream: false }))
      expect(response.status).toBe(502)
      expect(await response.json()).toMatchObject({ error: { code: 'upstream_incomplete' } })
    })

    it('ends with [DONE] once both choices finished, though the upstream sent no [DONE]', async () => {
      const url = await relay.start(config)
      relay.upstream.script({
        chunks: [...CHOICE_1_CUT.chunks, { index: 1, finish_reason: 'stop' }],
        done: false,
      })
      const { done } = await streamEnd(await post(`${url}/api/chat`, chatBody()))
      expect(done).toBe(true)
    })
  })
