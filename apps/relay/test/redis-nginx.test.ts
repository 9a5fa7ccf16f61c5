import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCodeOf, readUntil } from './generation-helpers.js'
import { chatBody, contentOf, post } from './helpers.js'
import type { SSEItem } from './helpers.js'
import { findNginx, startNginx } from './nginx.js'
import type { TestNginx } from './nginx.js'
import { startRelayFleet } from './redis-relays.js'
import type { RelayFleet } from './redis-relays.js'
import { findRedisServer, startRedisServer } from './redis-server.js'
import type { TestRedis } from './redis-server.js'

const nginxBinary = findNginx()
const redisBinary = findRedisServer()

const WORDS = Array.from({ length: 60 }, (_, i) => `w${i} `)

/** The deployment the relay README describes: nginx round-robin over instances sharing Redis. */
describe.skipIf(nginxBinary === undefined || redisBinary === undefined)(
  'relay instances behind nginx round-robin, sharing Redis',
  () => {
    let redis: TestRedis
    let fleet: RelayFleet
    let nginx: TestNginx
    beforeAll(async () => {
      redis = await startRedisServer(redisBinary as string)
      fleet = await startRelayFleet(redis.url, {
        plan: { chunks: WORDS, delayMs: 15 },
        config: { trustProxy: 'loopback' },
      })
      const servers = fleet.relays.map((relay) => `server ${new URL(relay.url).host};`)
      nginx = await startNginx(
        nginxBinary as string,
        [
          'location /api/ {',
          '  proxy_pass http://relays;',
          '  proxy_http_version 1.1;',
          '  proxy_set_header Connection "";',
          '  proxy_buffering off;',
          '  proxy_read_timeout 1h;',
          '}',
        ].join('\n'),
        `upstream relays { ${servers.join(' ')} }`,
      )
    })
    afterAll(async () => {
      await nginx?.close()
      await fleet?.close()
      await redis?.close()
    })

    it('finishes a reply exactly however often the connection drops, wherever each resume lands', async () => {
      const dropped = [new AbortController()]
      const response = await post(`${nginx.url}/api/chat`, chatBody(), {
        signal: dropped[0]?.signal,
      })
      const id = response.headers.get('x-stream-id') as string
      const received: SSEItem[] = []
      let source = response
      // Four drops, each after a few more words, each resumed through nginx from the last event.
      for (let drop = 1; drop <= 4; drop += 1) {
        const { events } = await readUntil(source, (events) => events.length >= 8)
        received.push(...events)
        dropped.at(-1)?.abort()
        const next = new AbortController()
        dropped.push(next)
        source = await fetch(`${nginx.url}/api/chat/streams/${id}`, {
          headers: { 'Last-Event-ID': received.at(-1)?.id ?? '0' },
          signal: next.signal,
        })
        expect(source.status).toBe(200)
      }
      const { events: rest } = await readUntil(source)
      received.push(...rest)
      expect(received.map((event) => Number(event.id))).toEqual(received.map((_, i) => i + 1))
      expect(contentOf(received)).toBe(WORDS.join(''))
      expect(received.at(-1)?.data).toBe('[DONE]')
      expect(fleet.upstream.requests).toHaveLength(1)
      // Round-robin sent the resumes to both instances.
      for (const relay of fleet.relays) {
        expect(relay.logger.lines.some((line) => line.startsWith('GET /api/chat/streams/'))).toBe(
          true,
        )
      }
    })

    it('stops a reply whichever instance the stop reaches', async () => {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const before = fleet.upstream.requests.length
        const response = await post(`${nginx.url}/api/chat`, chatBody())
        const id = response.headers.get('x-stream-id') as string
        const { reader } = await readUntil(response, (events) => events.length >= 3)
        const stop = await fetch(`${nginx.url}/api/chat/streams/${id}/stop`, { method: 'POST' })
        expect(stop.status).toBe(202)
        const upstreamRequest = fleet.upstream.requests[before]
        await upstreamRequest?.closed
        expect(upstreamRequest?.abortedByClient).toBe(true)
        const { events } = await readUntil(reader)
        expect(errorCodeOf(events.at(-1))).toBe('stream_stopped')
      }
    })
  },
)
