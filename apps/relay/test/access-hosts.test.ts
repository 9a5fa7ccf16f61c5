import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/load-config.js'
import { startRelay } from '../src/start-relay.js'
import type { RunningRelay } from '../src/start-relay.js'
import { chatBody, memoryLogger, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

/** The names a relay bound to loopback answers to by default. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]']

let relay: TestRelay | undefined
let running: RunningRelay | undefined
afterEach(async () => {
  await relay?.close()
  await running?.close()
  relay = undefined
  running = undefined
})

/** A chat POST with a `Host` header of our choosing (fetch always sends the URL's own). */
function postWithHost(
  url: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/chat`,
      { method: 'POST', headers: { host, 'content-type': 'application/json', ...headers } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (text: string) => (body += text))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(chatBody()))
  })
}

describe('Host allow-list', () => {
  it('serves the loopback names on any port and refuses any other name with a JSON 403', async () => {
    relay = await startTestRelay({ allowedHosts: LOOPBACK_HOSTS })
    const port = new URL(relay.url).port
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST:1']) {
      expect((await postWithHost(relay.url, host)).status).toBe(200)
    }
    const rebound = await postWithHost(relay.url, `attacker.example:${port}`)
    expect(rebound.status).toBe(403)
    expect(JSON.parse(rebound.body)).toMatchObject({
      error: { code: 'host_not_allowed', type: 'permission_error' },
    })
    expect(relay.upstream.requests).toHaveLength(4)
  })

  it('refuses a rebound name on a relay started from the environment on loopback', async () => {
    running = await startRelay(loadConfig({ PORT: '0', MOCK_TOKENS_PER_SECOND: '2000' }), {
      logger: memoryLogger(),
    })
    const port = new URL(running.url).port
    expect((await postWithHost(running.url, `attacker.example:${port}`)).status).toBe(403)
    expect((await postWithHost(running.url, `localhost:${port}`)).status).toBe(200)
  })

  it('judges X-Forwarded-Host too, trusted proxy or not: a rebound page cannot name itself localhost', async () => {
    relay = await startTestRelay({ allowedHosts: LOOPBACK_HOSTS, trustProxy: 'loopback' })
    const port = new URL(relay.url).port
    const spoofed = { 'x-forwarded-host': 'localhost' }
    expect((await postWithHost(relay.url, `attacker.example:${port}`, spoofed)).status).toBe(403)
    const forwarded = { 'x-forwarded-host': 'attacker.example' }
    expect((await postWithHost(relay.url, `localhost:${port}`, forwarded)).status).toBe(403)
  })

  it('behind a proxy, takes the public name when it and the Host the proxy sends are listed', async () => {
    relay = await startTestRelay({
      allowedHosts: ['chat.example.com', '127.0.0.1'],
      trustProxy: 'loopback',
    })
    const headers = { 'x-forwarded-host': 'chat.example.com' }
    expect((await postWithHost(relay.url, '127.0.0.1:8787', headers)).status).toBe(200)
    expect((await postWithHost(relay.url, 'chat.example.com')).status).toBe(200)
    expect((await postWithHost(relay.url, 'other.example', headers)).status).toBe(403)
  })

  it('answers any host with * (and when createRelay is given no list)', async () => {
    relay = await startTestRelay({ allowedHosts: ['*'] })
    expect((await postWithHost(relay.url, 'anything.example')).status).toBe(200)
    await relay.close()
    relay = await startTestRelay()
    expect((await postWithHost(relay.url, 'anything.example')).status).toBe(200)
  })

  it('defaults RELAY_ALLOWED_HOSTS to the loopback names on a loopback bind only', () => {
    expect(loadConfig({}).relay.allowedHosts).toEqual(LOOPBACK_HOSTS)
    expect(loadConfig({ HOST: 'localhost' }).relay.allowedHosts).toEqual(LOOPBACK_HOSTS)
    expect(loadConfig({ HOST: '::1' }).relay.allowedHosts).toEqual(LOOPBACK_HOSTS)
    expect(loadConfig({ HOST: '0.0.0.0' }).relay.allowedHosts).toBeUndefined()
    expect(
      loadConfig({ RELAY_ALLOWED_HOSTS: 'chat.example.com, [::1]' }).relay.allowedHosts,
    ).toEqual(['chat.example.com', '[::1]'])
  })

  it.each([
    ['https://chat.example.com', /a URL: give the host name only/],
    ['chat.example.com:443', /no port/],
  ])('refuses RELAY_ALLOWED_HOSTS=%s with a message saying why', (value, why) => {
    expect(() => loadConfig({ RELAY_ALLOWED_HOSTS: value })).toThrow(
      expect.objectContaining({
        variable: 'RELAY_ALLOWED_HOSTS',
        message: expect.stringMatching(why),
      }),
    )
  })
})
