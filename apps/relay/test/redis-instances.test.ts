import { createClient } from '@redis/client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { errorCodeOf, holdFrom, readUntil } from './generation-helpers.js'
import { chatBody, contentOf, post, readSSE } from './helpers.js'
import { startRelayFleet } from './redis-relays.js'
import type { FleetRelay, RelayFleet } from './redis-relays.js'
import { findRedisServer, startRedisServer } from './redis-server.js'
import type { TestRedis } from './redis-server.js'

const redisBinary = findRedisServer()
if (redisBinary === undefined) {
  console.warn(
    'redis-instances.test.ts skipped: no redis-server binary found ' +
      '(install redis-server, as .ci/run does, or set REDIS_SERVER_BIN)',
  )
}

const WORDS = ['one ', 'two ', 'three ', 'four ', 'five ', 'six']
const TEXT = WORDS.join('')

describe.skipIf(redisBinary === undefined)('two relay instances on one Redis', () => {
  let redis: TestRedis
  let fleet: RelayFleet | undefined
  beforeAll(async () => {
    redis = await startRedisServer(redisBinary as string)
  })
  afterAll(async () => {
    await redis.close()
  })
  afterEach(async () => {
    await fleet?.close()
    fleet = undefined
  })

  /**
   * Two instances with a resume grace of `resumeGraceMs`, and a reply started on A, held after two
   * words, whose client on A is still connected until `hangUp()`.
   */
  async function replyHeldOnA(resumeGraceMs: number) {
    const gate = holdFrom(2)
    fleet = await startRelayFleet(redis.url, {
      config: { streams: { resumeGraceMs } },
      plan: { chunks: WORDS, beforeChunk: gate.beforeChunk },
    })
    const [a, b] = fleet.relays as [FleetRelay, FleetRelay]
    const dropped = new AbortController()
    const response = await post(`${a.url}/api/chat`, chatBody(), { signal: dropped.signal })
    const id = response.headers.get('x-stream-id') as string
    await readUntil(response, (events) => contentOf(events).endsWith('two '))
    return { b, id, gate, hangUp: () => dropped.abort(), upstream: fleet.upstream }
  }

  it('resumes on instance B, exactly after Last-Event-ID, a reply that instance A started', async () => {
    const gate = holdFrom(3)
    fleet = await startRelayFleet(redis.url, {
      plan: { chunks: WORDS, beforeChunk: gate.beforeChunk },
    })
    const [a, b] = fleet.relays
    const dropped = new AbortController()
    const response = await post(`${a?.url}/api/chat`, chatBody(), { signal: dropped.signal })
    const id = response.headers.get('x-stream-id') as string
    const { events: before } = await readUntil(response, (events) =>
      contentOf(events).endsWith('three '),
    )
    dropped.abort()
    const lastId = before.at(-1)?.id as string
    const resumed = await fetch(`${b?.url}/api/chat/streams/${id}`, {
      headers: { 'Last-Event-ID': lastId },
    })
    expect(resumed.status).toBe(200)
    expect(resumed.headers.get('x-stream-id')).toBe(id)
    gate.open()
    const { events: after } = await readSSE(resumed)
    expect(Number(after[0]?.id)).toBe(Number(lastId) + 1)
    expect(contentOf([...before, ...after])).toBe(TEXT)
    expect(after.at(-1)?.data).toBe('[DONE]')
    expect(fleet.upstream.requests).toHaveLength(1)
  })

  it('replays a finished reply whole on the other instance, events and ids as the first one sent', async () => {
    fleet = await startRelayFleet(redis.url, { plan: { chunks: WORDS } })
    const [a, b] = fleet.relays
    const response = await post(`${a?.url}/api/chat`, chatBody())
    const { events } = await readSSE(response)
    const id = response.headers.get('x-stream-id') as string
    const { events: replayed } = await readSSE(await fetch(`${b?.url}/api/chat/streams/${id}`))
    expect(replayed).toEqual(events)
    const tail = await fetch(`${b?.url}/api/chat/streams/${id}?lastEventId=4`)
    expect((await readSSE(tail)).events).toEqual(events.slice(4))
  })

  it('stops on instance A a reply stopped on instance B, for every subscriber', async () => {
    const gate = holdFrom(2)
    fleet = await startRelayFleet(redis.url, {
      plan: { chunks: WORDS, beforeChunk: gate.beforeChunk },
    })
    const [a, b] = fleet.relays
    const response = await post(`${a?.url}/api/chat`, chatBody())
    const id = response.headers.get('x-stream-id') as string
    const onB = await fetch(`${b?.url}/api/chat/streams/${id}`)
    const upstreamRequest = await fleet.upstream.nextRequest()
    const both = Promise.all([readSSE(response), readSSE(onB)])
    const stop = await fetch(`${b?.url}/api/chat/streams/${id}/stop`, { method: 'POST' })
    expect(stop.status).toBe(202)
    await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
    for (const { events } of await both) {
      expect(contentOf(events)).toBe('one two ')
      expect(errorCodeOf(events.at(-1))).toBe('stream_stopped')
    }
    gate.open()
  })

  it('answers 404 stream_not_found on every instance for an id none of them knows', async () => {
    fleet = await startRelayFleet(redis.url)
    for (const relay of fleet.relays) {
      const resume = await fetch(`${relay.url}/api/chat/streams/nope`)
      expect(resume.status).toBe(404)
      expect(await resume.json()).toMatchObject({ error: { code: 'stream_not_found' } })
      const stop = await fetch(`${relay.url}/api/chat/streams/nope/stop`, { method: 'POST' })
      expect(stop.status).toBe(404)
    }
  })

  it('keeps a reply going past the resume grace while a subscriber on the other instance follows it', async () => {
    const { b, id, gate, hangUp, upstream } = await replyHeldOnA(300)
    const onB = await fetch(`${b.url}/api/chat/streams/${id}`)
    hangUp()
    // Three graces long: without B's follow, A would have cancelled the upstream call by now.
    await new Promise((resolve) => setTimeout(resolve, 900))
    gate.open()
    const { events } = await readSSE(onB)
    expect(contentOf(events)).toBe(TEXT)
    expect(events.at(-1)?.data).toBe('[DONE]')
    expect((await upstream.nextRequest()).abortedByClient).toBe(false)
  })

  it('still cancels an abandoned reply when the grace runs out and nobody follows it anywhere', async () => {
    const { b, id, gate, hangUp, upstream } = await replyHeldOnA(200)
    // A subscriber on B that leaves again: its mark must not keep the reply alive.
    const onB = new AbortController()
    const follower = await fetch(`${b.url}/api/chat/streams/${id}`, { signal: onB.signal })
    await readUntil(follower, (events) => events.length >= 2)
    onB.abort()
    hangUp()
    const upstreamRequest = await upstream.nextRequest()
    await upstreamRequest.closed
    expect(upstreamRequest.abortedByClient).toBe(true)
    gate.open()
  })

  it('ends a resume at a hole in the shared log (a write lost while Redis was away) with stream_interrupted', async () => {
    const keyPrefix = 'hole-test:'
    fleet = await startRelayFleet(redis.url, { count: 1, keyPrefix })
    const chunk = (content: string): string =>
      JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })
    const redisClient = await createClient({ url: redis.url }).connect()
    try {
      // A live owner whose log lost event 2.
      await redisClient.set(`${keyPrefix}instance:owner-1`, '1')
      await redisClient.set(`${keyPrefix}stream:gen-1:owner`, 'owner-1')
      await redisClient.xAdd(`${keyPrefix}stream:gen-1`, '0-1', { d: chunk('one ') })
      await redisClient.xAdd(`${keyPrefix}stream:gen-1`, '0-3', { d: chunk('three') })
      const resumed = await fetch(`${fleet.relays[0]?.url}/api/chat/streams/gen-1`)
      const { events } = await readSSE(resumed)
      expect(contentOf(events)).toBe('one ')
      expect(errorCodeOf(events.at(-1))).toBe('stream_interrupted')
    } finally {
      await redisClient.close()
    }
  })
})
