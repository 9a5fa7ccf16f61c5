import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockOpenAI } from '@typewriter-chat/mock-openai'
import { afterEach, describe, expect, it } from 'vitest'
import { readUntil } from './generation-helpers.js'
import { UPSTREAM_KEY, chatBody, contentOf, post } from './helpers.js'
import type { SSEItem } from './helpers.js'
import { serverJs, startRelayProcess } from './relay-process.js'
import type { RelayProcess } from './relay-process.js'
import { findRedisServer, startRedisServer } from './redis-server.js'
import type { TestRedis } from './redis-server.js'

const redisBinary = findRedisServer()

/** The pids of `pid`'s child processes, from /proc. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // The fourth field, after the command in parentheses, is the parent's pid.
    const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]
    if (Number(parent) === pid) children.push(Number(entry))
  }
  return children
}

let redis: TestRedis | undefined
let upstream: MockOpenAI | undefined
let relay: RelayProcess | undefined
afterEach(async () => {
  await relay?.kill()
  await upstream?.close()
  await redis?.close()
  relay = upstream = redis = undefined
})

describe.skipIf(!existsSync(serverJs))('RELAY_WORKERS', () => {
  it('refuses more than one worker without REDIS_URL, saying why', async () => {
    relay = undefined
    await expect(startRelayProcess({ RELAY_WORKERS: '2' })).rejects.toThrow(
      /RELAY_WORKERS: 2 workers need REDIS_URL/,
    )
  })

  it.skipIf(redisBinary === undefined)(
    'runs that many relay processes on one port that resume each other’s replies, replaces a dead one, and stops them all on SIGTERM',
    async () => {
      redis = await startRedisServer(redisBinary as string)
      upstream = await startMockOpenAI({
        script: { chunks: Array.from({ length: 40 }, (_, i) => `w${i} `), delayMs: 15 },
      })
      relay = await startRelayProcess({
        RELAY_WORKERS: '2',
        REDIS_URL: redis.url,
        OPENAI_API_KEY: UPSTREAM_KEY,
        OPENAI_BASE_URL: upstream.url,
        RELAY_RATE_LIMIT: '0',
      })
      await relay.printed(/relay: 2 workers listening on/)
      const primary = relay.child.pid as number
      const workers = await childrenOf(primary)
      expect(workers).toHaveLength(2)

      // Each resume is a new connection, which the cluster hands to the workers in turn.
      const response = await post(`${relay.url}/api/chat`, chatBody(), {
        headers: { connection: 'close' },
      })
      const id = response.headers.get('x-stream-id') as string
      const received: SSEItem[] = []
      let dropped = new AbortController()
      let source = response
      for (let drop = 0; drop < 4; drop += 1) {
        const { events } = await readUntil(source, (events) => events.length >= 6)
        received.push(...events)
        dropped.abort()
        dropped = new AbortController()
        source = await fetch(`${relay.url}/api/chat/streams/${id}`, {
          headers: { 'Last-Event-ID': received.at(-1)?.id ?? '0', connection: 'close' },
          signal: dropped.signal,
        })
      }
      received.push(...(await readUntil(source)).events)
      expect(contentOf(received)).toBe(Array.from({ length: 40 }, (_, i) => `w${i} `).join(''))
      expect(received.at(-1)?.data).toBe('[DONE]')
      expect(upstream.requests).toHaveLength(1)

      process.kill(workers[0] as number, 'SIGKILL')
      await relay.printed(/starting another/)
      await expect.poll(async () => (await childrenOf(primary)).length).toBe(2)

      relay.child.kill('SIGTERM')
      const [code] = (await once(relay.child, 'exit')) as [number | null]
      expect(code).toBe(0)
      expect(await childrenOf(primary)).toEqual([])
    },
  )
})
