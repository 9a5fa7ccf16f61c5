import { existsSync } from 'node:fs'
import { once } from 'node:events'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'
import { afterEach, describe, expect, it } from 'vitest'
import { RELAY_DEFAULTS } from '../src/config/relay-config.js'
import { errorCodeOf, holdFrom, readUntil } from './generation-helpers.js'
import { UPSTREAM_KEY, chatBody, contentOf, post, readSSE } from './helpers.js'
import { serverJs, startRelayProcess } from './relay-process.js'
import type { RelayProcess } from './relay-process.js'
import { startRelayFleet } from './redis-relays.js'
import type { RelayFleet } from './redis-relays.js'
import { findRedisServer, startRedisServer } from './redis-server.js'
import type { TestRedis } from './redis-server.js'

const redisBinary = findRedisServer()

let redis: TestRedis | undefined
let upstream: MockOpenAI | undefined
let owner: RelayProcess | undefined
let fleet: RelayFleet | undefined
afterEach(async () => {
  await owner?.kill()
  await fleet?.close()
  await upstream?.close()
  await redis?.close()
  owner = fleet = upstream = redis = undefined
})

describe.skipIf(redisBinary === undefined || !existsSync(serverJs))(
  'an instance that dies while it runs a reply',
  () => {
    it('is noticed by the others, whose resumes end with a stream_interrupted event instead of hanging', async () => {
      redis = await startRedisServer(redisBinary as string)
      const gate = holdFrom(2)
      upstream = await startMockOpenAI({
        script: { chunks: ['one ', 'two ', 'three'], beforeChunk: gate.beforeChunk },
      })
      owner = await startRelayProcess({
        OPENAI_API_KEY: UPSTREAM_KEY,
        OPENAI_BASE_URL: upstream.url,
        REDIS_URL: redis.url,
        RELAY_HEARTBEAT_MS: '200',
        RELAY_RATE_LIMIT: '0',
      })
      // The other instance, on the same Redis and key prefix as the process's defaults.
      fleet = await startRelayFleet(redis.url, {
        count: 1,
        keyPrefix: RELAY_DEFAULTS.redisKeyPrefix,
      })
      const other = fleet.relays[0]?.url as string
      const response = await post(`${owner.url}/api/chat`, chatBody())
      const id = response.headers.get('x-stream-id') as string
      await readUntil(response, (events) => contentOf(events) === 'one two ')
      const following = await fetch(`${other}/api/chat/streams/${id}`)
      const { events: before, reader } = await readUntil(following, (events) =>
        contentOf(events).endsWith('two '),
      )
      expect(contentOf(before)).toBe('one two ')

      owner.child.kill('SIGKILL')
      await once(owner.child, 'exit')
      const rest = await readUntil(reader)
      expect(errorCodeOf(rest.events.at(-1))).toBe('stream_interrupted')
      expect(rest.events.some((event) => event.data === '[DONE]')).toBe(false)

      // A resume that starts after the death gets what was written, then the same end.
      const late = await readSSE(await fetch(`${other}/api/chat/streams/${id}`))
      expect(contentOf(late.events)).toBe('one two ')
      expect(errorCodeOf(late.events.at(-1))).toBe('stream_interrupted')
      gate.open()
    })
  },
)
