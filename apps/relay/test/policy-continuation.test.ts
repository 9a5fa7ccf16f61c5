import { afterEach, describe, expect, it } from 'vitest'
import type { RelayConfig } from '../src/config/relay-config.js'
import { chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import type { SSEItem, TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

/** Every reply is cut by the token limit, each with its own text (`r0 `, `r1 `...). */
async function startAlwaysCut(config: Partial<RelayConfig>): Promise<TestRelay> {
  const started = await startTestRelay(config)
  started.upstream.script(() => ({
    chunks: [`r${started.upstream.requests.length - 1} `],
    finishReason: 'length',
  }))
  return started
}

const finishReasons = (events: readonly SSEItem[]): string[] =>
  events
    .filter((event) => event.data !== '[DONE]')
    .flatMap(
      (event) =>
        (JSON.parse(event.data) as { choices: Array<{ finish_reason: string | null }> }).choices,
    )
    .flatMap((choice) => (choice.finish_reason === null ? [] : [choice.finish_reason]))

describe('continuation and cost', () => {
  it.each([
    ['/api/chat', 'max_tokens'],
    ['/api/chat', 'max_completion_tokens'],
    ['/v1/chat/completions', 'max_tokens'],
    ['/v1/chat/completions', 'max_completion_tokens'],
  ])('%s: no continuation when the caller set %s', async (path, field) => {
    relay = await startAlwaysCut({})
    const body = chatBody({ [field]: 1, stream: true })
    const { events } = await readSSE(await post(`${relay.url}${path}`, body))
    expect(finishReasons(events)).toEqual(['length'])
    expect(events.at(-1)?.data).toBe('[DONE]')
    expect(relay.upstream.requests).toHaveLength(1)
  })

  it('still continues a reply the caller did not cap', async () => {
    relay = await startAlwaysCut({ continuation: { maxContinuations: 2 } })
    await readSSE(await post(`${relay.url}/api/chat`, chatBody()))
    expect(relay.upstream.requests).toHaveLength(3)
  })

  it('counts each continuation round against the rate limit; a round past it ends the reply cut', async () => {
    relay = await startAlwaysCut({ rateLimitPerMinute: 2, continuation: { maxContinuations: 3 } })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    expect(response.status).toBe(200)
    const { events } = await readSSE(response)
    // The request and one round fit in the budget of 2; the next round is not sent.
    expect(relay.upstream.requests).toHaveLength(2)
    expect(contentOf(events)).toBe('r0 r1 ')
    expect(finishReasons(events)).toEqual(['length'])
    expect(events.at(-1)?.data).toBe('[DONE]')
    const next = await post(`${relay.url}/api/chat`, chatBody())
    expect(next.status).toBe(429)
    expect(relay.upstream.requests).toHaveLength(2)
  })

  it('a non-streamed /v1 reply cut by the budget is a completion with finish_reason length', async () => {
    relay = await startAlwaysCut({ rateLimitPerMinute: 1, continuation: { maxContinuations: 3 } })
    const response = await post(`${relay.url}/v1/chat/completions`, chatBody())
    expect(response.status).toBe(200)
    const completion = (await response.json()) as {
      choices: Array<{ finish_reason: string; message: { content: string } }>
    }
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: { content: 'r0 ' },
    })
    expect(relay.upstream.requests).toHaveLength(1)
  })
})
